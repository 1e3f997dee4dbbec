package fr.instruire.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.dossier.RegionalShare;
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
 * region's agency's part of the dossier's tranche, in proportion of its share of the grant; the agencies' parts add up
 * to the dossier's tranche to the euro.
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
        // the agency that pays this tranche, when the grant is shared: its part of the dossier's tranche
        var shareOf = execution.getVariable(SHARE_OF);
        var region = shareOf == null || shareOf.toString().isBlank() ? null : shareOf.toString();
        var agencies = region == null ? java.util.Map.<String, Long>of() : shares.of(number);
        if (region != null && !agencies.containsKey(region)) {
            throw new IllegalStateException("Tranche « " + label + " » : la région « " + region + " » ne finance pas le dossier " + number);
        }
        long amount;
        if (existing.isPresent()) {
            amount = existing.get().amount();
        } else if (execution.getVariable(PERCENT) != null) {
            int percent = Integer.parseInt(execution.getVariable(PERCENT).toString().strip());
            if (percent <= 0 || percent > 100) {
                throw new IllegalStateException("tranchePercent hors de 1–100 : " + percent);
            }
            amount = partOf(funding.grant() * percent / 100, region, agencies);
        } else if (Boolean.parseBoolean(String.valueOf(execution.getVariable(REST)))) {
            amount = funding.grant() - funding.tranches().stream().mapToLong(PaymentLedger.Tranche::amount).sum();
        } else if (execution.getVariable(AMOUNT) instanceof Number decided) {
            // a decided amount for the whole dossier, paid by each agency in proportion of its share
            amount = partOf((long) Math.floor(decided.doubleValue()), region, agencies);
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

    /**
     * The dossier's tranche, or one agency's part of it: the parts of all agencies add up to the tranche (largest
     * remainder), so a tranche paid by two ARS is never a euro short of what was decided.
     */
    static long partOf(long dossierTranche, String region, java.util.Map<String, Long> agencies) {
        return region == null ? dossierTranche : RegionalShare.apportion(dossierTranche, agencies).get(region);
    }

    private static String text(DelegateExecution execution, String name) {
        var value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("scheduleTranche : la variable « " + name + " » manque");
        }
        return value.toString().strip();
    }
}
