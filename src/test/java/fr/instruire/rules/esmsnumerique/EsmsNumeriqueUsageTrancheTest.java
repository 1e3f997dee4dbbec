package fr.instruire.rules.esmsnumerique;

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
 * « Tranche liée aux critères d'utilisation » (ESMS numérique, « Modalités de financement » and « Critères
 * d'utilisation »): the last 20 % of the grant, in equal shares across the five usage criteria, each paid pro rata of
 * its result against its target; a socle or platform criterion waived for « difficulté majeure » gives its share to
 * the others. Whole euros, rounded down.
 */
class EsmsNumeriqueUsageTrancheTest {

    static final String FIVE = "Rule_CinqCriteres";
    static final String FOURTH_WAIVED = "Rule_QuatriemeCritereLeve";
    static final String FIFTH_WAIVED = "Rule_CinquiemeCritereLeve";
    static final String BOTH_WAIVED = "Rule_DeuxCriteresLeves";

    static final DecisionUnderTest tranche = DecisionUnderTest.load(
            "dmn/esms-numerique/esms-numerique-usage-tranche.dmn", "esms-numerique-usage-tranche");

    static Map<String, Object> usage(Long grant, Double r1, Double r2, Double r3, Double r4, Double r5,
                                     boolean waived4, boolean waived5) {
        var facts = new HashMap<String, Object>();
        facts.put("grantAmount", grant);
        facts.put("usageRatio1", r1);
        facts.put("usageRatio2", r2);
        facts.put("usageRatio3", r3);
        facts.put("usageRatio4", r4);
        facts.put("usageRatio5", r5);
        facts.put("usageWaived4", waived4);
        facts.put("usageWaived5", waived5);
        return facts;
    }

    static void assertTranche(Map<String, Object> facts, String rule, long euros) {
        var evaluation = tranche.evaluate(facts);
        assertThat(evaluation.matchedRules()).containsExactly(rule);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(euros);
    }

    @Test
    void everyTargetReachedPaysTheWholeTwentyPercent() {
        assertTranche(usage(290_000L, 1.0, 1.0, 1.0, 1.0, 1.0, false, false), FIVE, 58_000);
    }

    @Test
    void aResultAboveItsTargetCountsAsTheTargetNoMore() {
        assertTranche(usage(290_000L, 1.5, 3.0, 1.0, 1.2, 1.0, false, false), FIVE, 58_000);
    }

    @ParameterizedTest(name = "ratios {1} {2} {3} {4} {5}: {6} €")
    @CsvSource({
        // 290 000 € → 58 000 € in five shares of 11 600 €, each × its ratio
        "290000, 0.5, 1.0, 1.0, 1.0, 1.0, 52200",
        "290000, 0.0, 0.0, 0.0, 0.0, 0.0, 0",
        "290000, 0.8, 0.6, 0.9, 0.25, 0.0, 29580",
        // 200 000 € → 40 000 €, shares of 8 000 €; 8 000 × (1/3) rounds down
        "200000, 0.3333333333, 1.0, 1.0, 1.0, 1.0, 34666"})
    void eachCriterionIsPaidProRataOfItsResult(long grant, double r1, double r2, double r3, double r4, double r5, long euros) {
        assertTranche(usage(grant, r1, r2, r3, r4, r5, false, false), FIVE, euros);
    }

    @Test
    void aWaivedSocleCriterionGivesItsShareToTheOtherFour() {
        // 58 000 € in four shares of 14 500 €; criterion 4 not measured
        assertTranche(usage(290_000L, 1.0, 1.0, 1.0, null, 1.0, true, false), FOURTH_WAIVED, 58_000);
        assertTranche(usage(290_000L, 1.0, 0.5, 1.0, null, 1.0, true, false), FOURTH_WAIVED, 50_750);
        assertTranche(usage(290_000L, 1.0, 1.0, 0.5, 1.0, 0.7, false, true), FIFTH_WAIVED, 50_750);
    }

    @Test
    void bothSocleCriteriaWaivedLeaveTheThreeBusinessCriteria() {
        assertTranche(usage(290_000L, 1.0, 1.0, 1.0, null, null, true, true), BOTH_WAIVED, 58_000);
        assertTranche(usage(300_000L, 1.0, 0.5, 0.0, null, null, true, true), BOTH_WAIVED, 30_000);
    }

    @Test
    void aWaivedCriterionsRatioIsIgnoredEvenWhenGiven() {
        assertTranche(usage(290_000L, 1.0, 1.0, 1.0, 0.0, 1.0, true, false), FOURTH_WAIVED, 58_000);
    }

    @Test
    void noAmountWhenACountingCriterionHasNoRatioOrANegativeOne() {
        for (var facts : List.of(usage(290_000L, null, 1.0, 1.0, 1.0, 1.0, false, false),
                usage(290_000L, 1.0, 1.0, 1.0, 1.0, -0.1, false, false),
                usage(290_000L, 1.0, 1.0, 1.0, null, 1.0, false, false),
                usage(null, 1.0, 1.0, 1.0, 1.0, 1.0, false, false))) {
            var evaluation = tranche.evaluate(facts);
            assertThat(evaluation.matchedRules()).as("%s", facts).isEmpty();
            assertThat(evaluation.result().<Object>getSingleEntry()).isNull();
        }
    }

    @Test
    void theTrancheNeverExceedsTwentyPercentOfTheGrant() {
        for (long grant : List.of(1L, 7L, 99_999L, 290_000L, 810_000L)) {
            for (double ratio : List.of(0.0, 0.33, 0.999, 1.0, 2.0)) {
                var amount = (Long) tranche.evaluate(usage(grant, ratio, ratio, ratio, ratio, ratio, false, false)).result().getSingleEntry();
                assertThat(amount).isBetween(0L, grant / 5);
            }
        }
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(tranche.rulesNeverMatched()).isEmpty();
        assertThat(tranche.ruleIds()).isEqualTo(List.of(FIVE, FOURTH_WAIVED, FIFTH_WAIVED, BOTH_WAIVED));
    }
}
