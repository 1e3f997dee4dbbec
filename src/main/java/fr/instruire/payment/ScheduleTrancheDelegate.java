package fr.instruire.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;
import fr.instruire.system.French;

/**
 * {@code scheduleTranche}: a tranche of the dossier's grant becomes due in the ledger. Its key ({@code tranche}) and
 * label ({@code trancheLabel}) come from the model, its amount either as a share of the recorded grant
 * ({@code tranchePercent}, rounded down) or as the result of a decision ({@code trancheAmount}, e.g. the usage
 * tranche), or what the grant still holds ({@code trancheRest = true}: the last tranche takes the rounding). Sets
 * {@code trancheAmount} (whole euros; 0 when nothing is due — no tranche is then recorded) and
 * {@code trancheAmountWords} for the tasks' forms. Idempotent on retry. The grant is opened from the dossier's recorded
 * grant if the model's {@code openFunding} was not reached. With {@code trancheShareOf} (a region), the tranche is that
 * region's agency's: its percentage of the agency's share, or the decided amount in proportion of the share.
 */
@Component("scheduleTranche")
class ScheduleTrancheDelegate implements JavaDelegate {

    static final String TRANCHE = "tranche";
    static final String LABEL = "trancheLabel";
    static final String PERCENT = "tranchePercent";
    static final String AMOUNT = "trancheAmount";
    static final String REST = "trancheRest";
    static final String AMOUNT_WORDS = "trancheAmountWords";
    /** Optional: the region whose agency pays this tranche — its percentage, or the decided amount, of that agency's share. */
    static final String SHARE_OF = "trancheShareOf";

    private final PaymentLedger ledger;
    private final Dossiers dossiers;
    private final RegionalTranches shares;
    private final GrantOpening grants;

    ScheduleTrancheDelegate(PaymentLedger ledger, Dossiers dossiers, RegionalTranches shares, GrantOpening grants) {
        this.ledger = ledger;
        this.dossiers = dossiers;
        this.shares = shares;
        this.grants = grants;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var key = text(execution, TRANCHE);
        var label = text(execution, LABEL);
        // a tranche reached before the model's openFunding (a step skipped: a contract never signed) opens the grant
        var funding = grants.open(number);
        var existing = ledger.tranche(number, key);
        // the base: the grant, or the share of the agency that pays this tranche
        var shareOf = execution.getVariable(SHARE_OF);
        long base = funding.grant();
        if (shareOf != null && !shareOf.toString().isBlank()) {
            var share = shares.of(number).get(shareOf.toString());
            if (share == null) {
                throw new IllegalStateException("Tranche « " + label + " » : la région « " + shareOf + " » ne finance pas le dossier " + number);
            }
            base = share;
        }
        long amount;
        if (existing.isPresent()) {
            amount = existing.get().amount();
        } else if (execution.getVariable(PERCENT) != null) {
            int percent = Integer.parseInt(execution.getVariable(PERCENT).toString().strip());
            if (percent <= 0 || percent > 100) {
                throw new IllegalStateException("tranchePercent hors de 1–100 : " + percent);
            }
            amount = base * percent / 100;
        } else if (Boolean.parseBoolean(String.valueOf(execution.getVariable(REST)))) {
            amount = funding.grant() - funding.tranches().stream().mapToLong(PaymentLedger.Tranche::amount).sum();
        } else if (execution.getVariable(AMOUNT) instanceof Number decided) {
            // a decided amount for the whole dossier, paid by each agency in proportion of its share
            amount = funding.grant() == 0 ? 0 : (long) Math.floor(decided.doubleValue() * base / funding.grant());
        } else {
            throw new IllegalStateException("Tranche « " + label + " » : ni tranchePercent, ni trancheAmount, ni trancheRest");
        }
        if (amount < 0) {
            throw new IllegalStateException("Tranche « " + label + " » : montant négatif " + amount);
        }
        if (amount > 0 && existing.isEmpty()) {
            ledger.due(number, key, label, amount);
            dossiers.recordEvent(number, Actors.SYSTEM, "TRANCHE_DUE", label + " : " + French.euros(amount));
        }
        execution.setVariable(AMOUNT, amount);
        execution.setVariable(AMOUNT_WORDS, French.euros(amount));
    }

    private static String text(DelegateExecution execution, String name) {
        var value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("scheduleTranche : la variable « " + name + " » manque");
        }
        return value.toString().strip();
    }
}
