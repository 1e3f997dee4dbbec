package fr.instruire.rules.idfparcours;

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
 * « Financement à l'usage (40 %) » (IDF plateforme numérique parcours): 40 % of a territory's grant tied to the
 * platform's usage indicators, paid pro rata of the indicators attained within two years of the project's start.
 */
class IdfParcoursUsagePaymentTest {

    static final String ATTAINED = "Rule_AtteinteDesIndicateurs";
    static final String LATE = "Rule_HorsDelaiDeDeuxAns";

    static final DecisionUnderTest usage = DecisionUnderTest.load(
            "dmn/idf-parcours/idf-parcours-usage-payment.dmn", "idf-parcours-usage-payment");

    static Map<String, Object> measured(Long grant, Boolean withinTwoYears, Integer count, Integer attained) {
        var facts = new HashMap<String, Object>();
        facts.put("grantAmount", grant);
        facts.put("attainedWithinTwoYears", withinTwoYears);
        facts.put("indicatorsCount", count);
        facts.put("indicatorsAttained", attained);
        return facts;
    }

    static void assertPaid(Map<String, Object> facts, String rule, long euros) {
        var evaluation = usage.evaluate(facts);
        assertThat(evaluation.matchedRules()).containsExactly(rule);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(euros);
    }

    @ParameterizedTest(name = "grant {0} €, {2} of {1} indicators attained: {3} €")
    @CsvSource({
        "500000, 4, 4, 200000",
        "500000, 4, 3, 150000",
        "500000, 4, 0, 0",
        // 40 % × 1/3 of 100 000 € rounds down
        "100000, 3, 1, 13333"})
    void theUsagePartIsFortyPercentProRataOfTheIndicatorsAttained(long grant, int count, int attained, long euros) {
        assertPaid(measured(grant, true, count, attained), ATTAINED, euros);
    }

    @Test
    void usagesAttainedAfterTwoYearsAreNotFunded() {
        assertPaid(measured(500_000L, false, 4, 4), LATE, 0);
    }

    @Test
    void missingOrInconsistentMeasuresGiveNoAmount() {
        for (var facts : List.of(measured(500_000L, true, 4, 5), measured(500_000L, true, 0, 0),
                measured(500_000L, true, 4, -1), measured(null, true, 4, 4), measured(500_000L, null, 4, 4),
                measured(500_000L, true, null, 4), measured(500_000L, true, 4, null))) {
            var evaluation = usage.evaluate(facts);
            assertThat(evaluation.matchedRules()).as("%s", facts).isEmpty();
            assertThat(evaluation.result().<Object>getSingleEntry()).isNull();
        }
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(usage.rulesNeverMatched()).isEmpty();
        assertThat(usage.ruleIds()).isEqualTo(List.of(ATTAINED, LATE));
    }
}
