package fr.instruire.rules.cvlnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Versement sur dépenses justifiées » (AMI numérique Centre-Val de Loire): the committee's intervention rate applied
 * to the eligible expenses justified so far, within the amount granted, less what was already paid.
 */
class CvlNumeriquePaymentTest {

    static final String RATE = "Rule_TauxSurDepensesJustifiees";
    static final String CEILING = "Rule_DansLaLimiteDuMontantAccorde";

    static final DecisionUnderTest payment = DecisionUnderTest.load(
            "dmn/cvl-numerique/cvl-numerique-payment.dmn", "cvl-numerique-payment");

    static Map<String, Object> justified(Long grant, Number rate, Long expenses, Long paid) {
        var facts = new HashMap<String, Object>();
        facts.put("grantAmount", grant);
        facts.put("interventionRate", rate);
        facts.put("justifiedExpenses", expenses);
        facts.put("paidAmount", paid);
        return facts;
    }

    static void assertDue(Map<String, Object> facts, String rule, long euros) {
        var evaluation = payment.evaluate(facts);
        assertThat(evaluation.matchedRules()).containsExactly(rule);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(euros);
    }

    @ParameterizedTest(name = "grant {0} €, rate {1} %, justified {2} €, paid {3} €: {4} € due")
    @CsvSource({
        // a 100 000 € project at 60 %: 60 000 € granted
        "60000, 60, 40000,     0, 24000",
        "60000, 60, 100000, 24000, 36000",
        "60000, 60, 100000, 60000, 0",
        "60000, 60, 0,          0, 0",
        // 33 % of 1 001 € rounds down
        "60000, 33, 1001,       0, 330"})
    void theRateAppliesToTheJustifiedExpensesLessWhatWasPaid(long grant, int rate, long expenses, long paid, long due) {
        assertDue(justified(grant, rate, expenses, paid), RATE, due);
    }

    @Test
    void expensesBeyondTheFinancingPlanArePaidOnlyUpToTheGrant() {
        assertDue(justified(60_000L, 60, 150_000L, 24_000L), CEILING, 36_000);
        assertDue(justified(60_000L, 60, 150_000L, 60_000L), CEILING, 0);
    }

    @Test
    void aRateOutsideItsBoundsOrAMissingFactGivesNoAmount() {
        for (var facts : List.of(justified(60_000L, 120, 10_000L, 0L), justified(60_000L, -5, 10_000L, 0L),
                justified(null, 60, 10_000L, 0L), justified(60_000L, null, 10_000L, 0L),
                justified(60_000L, 60, null, 0L), justified(60_000L, 60, 10_000L, null))) {
            var evaluation = payment.evaluate(facts);
            assertThat(evaluation.matchedRules()).as("%s", facts).isEmpty();
            assertThat(evaluation.result().<Object>getSingleEntry()).isNull();
        }
    }

    @Test
    void whatIsPaidInTotalNeverExceedsTheGrant() {
        long paid = 0;
        for (long expenses : List.of(20_000L, 55_000L, 90_000L, 140_000L, 200_000L)) {
            var due = (Long) payment.evaluate(justified(60_000L, 60, expenses, paid)).result().getSingleEntry();
            paid += due;
            assertThat(paid).isLessThanOrEqualTo(60_000L);
        }
        assertThat(paid).isEqualTo(60_000L);
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(payment.rulesNeverMatched()).isEmpty();
        assertThat(payment.ruleIds()).isEqualTo(List.of(RATE, CEILING));
    }
}
