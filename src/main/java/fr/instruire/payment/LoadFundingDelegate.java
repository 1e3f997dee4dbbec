package fr.instruire.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code loadFunding}: what the ledger holds of the dossier's grant, for a payment decision that depends on it (« less
 * what was paid »): {@code fundingGrant}, {@code fundingCommitted} (every tranche set, due, released or paid — what a
 * new tranche must not count again), {@code fundingReleased}, {@code fundingPaid} and {@code fundingTranches} (how many),
 * read from the ledger, never from a form.
 */
@Component("loadFunding")
class LoadFundingDelegate implements JavaDelegate {

    private final PaymentLedger ledger;

    LoadFundingDelegate(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var funding = ledger.of(number).orElseThrow(() -> new IllegalStateException(
                "Dossier " + number + " : subvention non ouverte (openFunding) avant loadFunding"));
        execution.setVariable("fundingGrant", funding.grant());
        execution.setVariable("fundingCommitted", funding.tranches().stream().mapToLong(PaymentLedger.Tranche::amount).sum());
        execution.setVariable("fundingReleased", funding.released());
        execution.setVariable("fundingPaid", funding.paid());
        execution.setVariable("fundingTranches", (long) funding.tranches().size());
    }
}
