package fr.instruire.payment;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.payment.PaymentLedger.LedgerRefusal;
import fr.instruire.system.Actors;
import fr.instruire.system.French;
import fr.instruire.system.TaskRefusal;

/**
 * {@code releaseTranche}, on completing the reviewer's « Libérer la tranche »: releases the process's tranche
 * ({@code tranche}, set by the model) on the evidence the reviewer names ({@code trancheEvidence}, the form's field),
 * in the reviewer's name. A release the ledger refuses (beyond the grant) refuses the completion with its reason.
 */
@Component("releaseTranche")
class ReleaseTrancheListener implements TaskListener {

    static final String EVIDENCE = "trancheEvidence";

    private final PaymentLedger ledger;
    private final Dossiers dossiers;

    ReleaseTrancheListener(PaymentLedger ledger, Dossiers dossiers) {
        this.ledger = ledger;
        this.dossiers = dossiers;
    }

    @Override
    public void notify(DelegateTask task) {
        var number = task.getExecution().getProcessBusinessKey();
        var key = String.valueOf(task.getVariable(ScheduleTrancheDelegate.TRANCHE));
        var evidence = task.getVariable(EVIDENCE);
        if (evidence == null || evidence.toString().isBlank()) {
            throw new TaskRefusal("Indiquez la pièce qui justifie la libération de la tranche (facture, convention signée, rapport).");
        }
        var actor = Actors.completer(task);
        try {
            var tranche = ledger.release(number, key, actor, evidence.toString().strip());
            dossiers.recordEvent(number, actor, "TRANCHE_RELEASED", tranche.label() + " : " + French.euros(tranche.amount())
                    + " — " + tranche.evidence());
        } catch (LedgerRefusal e) {
            throw new TaskRefusal(e.getMessage());
        }
    }
}
