package fr.instruire.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;
import fr.instruire.system.French;

/**
 * {@code openFunding}: opens the dossier's grant in the payments ledger — the grant the dossier recorded when its
 * funding decision was applied ({@code recordFacts grantAmount}), never a process variable. Once per dossier: a retry
 * changes nothing.
 */
@Component("openFunding")
class OpenFundingDelegate implements JavaDelegate {

    private final PaymentLedger ledger;
    private final Dossiers dossiers;

    OpenFundingDelegate(PaymentLedger ledger, Dossiers dossiers) {
        this.ledger = ledger;
        this.dossiers = dossiers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var grant = dossiers.get(number).grantAmount();
        if (grant == null) {
            throw new IllegalStateException("Dossier " + number + " : aucune subvention enregistrée, rien à ouvrir "
                    + "(le modèle applique la décision de financement et l'enregistre avant openFunding)");
        }
        if (ledger.of(number).isEmpty()) {
            ledger.open(number, grant);
            dossiers.recordEvent(number, Actors.SYSTEM, "FUNDING_OPENED", "Subvention de " + French.euros(grant));
        }
    }
}
