package fr.instruire.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code openFunding}: opens the dossier's grant in the payments ledger — the grant the dossier recorded when its
 * funding decision was applied, never a process variable ({@link GrantOpening}). Once per dossier: a retry changes
 * nothing.
 */
@Component("openFunding")
class OpenFundingDelegate implements JavaDelegate {

    private final GrantOpening grants;

    OpenFundingDelegate(GrantOpening grants) {
        this.grants = grants;
    }

    @Override
    public void execute(DelegateExecution execution) {
        grants.open(execution.getProcessBusinessKey());
    }
}
