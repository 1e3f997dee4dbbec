package fr.instruire.payment;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;


/**
 * {@code loadFundingShares}: the regions whose agency funds the dossier — « Le financement sera assuré par chaque ARS,
 * au prorata du nombre d'ESMS concernés dans la région » — as {@code fundingShares}, a list of region names the model
 * iterates on: one convention, and one tranche of each milestone, per agency. A call that does not share its grants
 * (no {@code regionalShares}) has one: the campaign's region.
 */
@Component("loadFundingShares")
class LoadFundingSharesDelegate implements JavaDelegate {

    static final String FUNDING_SHARES = "fundingShares";

    private final RegionalTranches shares;

    LoadFundingSharesDelegate(RegionalTranches shares) {
        this.shares = shares;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var regions = new ArrayList<String>(shares.of(number).keySet());
        execution.setVariable(FUNDING_SHARES, regions);
    }
}
