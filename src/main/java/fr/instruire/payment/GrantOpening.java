package fr.instruire.payment;

import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;
import fr.instruire.system.French;

/**
 * Opens a dossier's grant in the ledger from the grant the dossier recorded when its funding decision was applied
 * ({@code recordFacts grantAmount}), never from a process variable; once: an open grant is returned as it is.
 */
@Component
class GrantOpening {

    private final PaymentLedger ledger;
    private final Dossiers dossiers;

    GrantOpening(PaymentLedger ledger, Dossiers dossiers) {
        this.ledger = ledger;
        this.dossiers = dossiers;
    }

    PaymentLedger.Funding open(String number) {
        var open = ledger.of(number);
        if (open.isPresent()) {
            return open.get();
        }
        var grant = dossiers.get(number).grantAmount();
        if (grant == null) {
            throw new IllegalStateException("Dossier " + number + " : aucune subvention enregistrée, rien à ouvrir "
                    + "(le modèle applique la décision de financement et l'enregistre avant openFunding)");
        }
        ledger.open(number, grant);
        dossiers.recordEvent(number, Actors.SYSTEM, "FUNDING_OPENED", "Subvention de " + French.euros(grant));
        return ledger.of(number).orElseThrow();
    }
}
