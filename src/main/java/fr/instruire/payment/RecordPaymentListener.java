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
 * {@code recordPayment}, on completing the finance officer's « Mettre en paiement »: records the process's tranche as
 * paid with the payment order's reference ({@code paymentReference}, the form's field), in the officer's name — who
 * released the tranche cannot (the ledger refuses it).
 */
@Component("recordPayment")
class RecordPaymentListener implements TaskListener {

    static final String REFERENCE = "paymentReference";

    private final PaymentLedger ledger;
    private final Dossiers dossiers;

    RecordPaymentListener(PaymentLedger ledger, Dossiers dossiers) {
        this.ledger = ledger;
        this.dossiers = dossiers;
    }

    @Override
    public void notify(DelegateTask task) {
        var number = task.getExecution().getProcessBusinessKey();
        var key = String.valueOf(task.getVariable(ScheduleTrancheDelegate.TRANCHE));
        var reference = task.getVariable(REFERENCE);
        if (reference == null || reference.toString().isBlank()) {
            throw new TaskRefusal("Indiquez la référence du paiement (numéro de mandat ou de virement).");
        }
        var actor = Actors.completer(task);
        try {
            var tranche = ledger.paid(number, key, actor, reference.toString().strip());
            dossiers.recordEvent(number, actor, "TRANCHE_PAID", tranche.label() + " : " + French.euros(tranche.amount())
                    + " — " + tranche.paymentReference());
        } catch (LedgerRefusal e) {
            throw new TaskRefusal(e.getMessage());
        }
    }
}
