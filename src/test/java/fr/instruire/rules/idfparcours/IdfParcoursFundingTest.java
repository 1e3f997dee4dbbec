package fr.instruire.rules.idfparcours;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Financement du territoire » ({@code idf-parcours-funding}), read as the dossier model reads it
 * ({@code mapDecisionResult=singleResult}): 1 000 000 € for a territory of about 300 000 inhabitants; above, 800 000 € per
 * 300 000 inhabitants pro rata, never less than 1 000 000 €; 40 % of it tied to usage. Boundaries at 300 000 and 600 000
 * inhabitants, and at 375 000, where the pro rata overtakes the forfait.
 */
class IdfParcoursFundingTest {

    static final String FORFAIT = "Rule_ForfaitTerritoire";
    static final String ABOVE_300000 = "Rule_AuDelaDe300000Habitants";

    static final DecisionUnderTest funding = DecisionUnderTest.load(
            "dmn/idf-parcours/idf-parcours-funding.dmn", "idf-parcours-funding");

    static Map<String, Object> territory(Object population) {
        var facts = new HashMap<String, Object>();
        facts.put("population", population);
        return facts;
    }

    @ParameterizedTest(name = "{0} inhabitants: {2} €, {3} € tied to usage ({1})")
    @CsvSource({
        "1,         Rule_ForfaitTerritoire,       1000000, 400000",
        "150000,    Rule_ForfaitTerritoire,       1000000, 400000",
        "299999,    Rule_ForfaitTerritoire,       1000000, 400000",
        "300000,    Rule_ForfaitTerritoire,       1000000, 400000",
        "300001,    Rule_AuDelaDe300000Habitants, 1000000, 400000",
        "374999,    Rule_AuDelaDe300000Habitants, 1000000, 400000",
        "375000,    Rule_AuDelaDe300000Habitants, 1000000, 400000",
        "375001,    Rule_AuDelaDe300000Habitants, 1000002, 400000",
        "450000,    Rule_AuDelaDe300000Habitants, 1200000, 480000",
        "599999,    Rule_AuDelaDe300000Habitants, 1599997, 639998",
        "600000,    Rule_AuDelaDe300000Habitants, 1600000, 640000",
        "600001,    Rule_AuDelaDe300000Habitants, 1600002, 640000",
        "900000,    Rule_AuDelaDe300000Habitants, 2400000, 960000",
        "2200000,   Rule_AuDelaDe300000Habitants, 5866666, 2346666"})
    void theGrantFollowsThePopulationOfTheTerritory(long population, String rule, long grant, long usageLinked) {
        var evaluation = funding.evaluate(territory(population));
        assertThat(evaluation.matchedRules()).containsExactly(rule);
        var result = evaluation.result().getSingleResult();
        assertThat(result.<Object>getEntry("grantAmount")).isEqualTo(grant);
        assertThat(result.<Object>getEntry("usageLinkedAmount")).isEqualTo(usageLinked);
    }

    @ParameterizedTest(name = "{0} inhabitants")
    @ValueSource(longs = {300_001, 375_001, 450_000, 600_000, 600_001, 1_234_567})
    void aboveTheForfaitThePartTiedToUsageIsFortyPercentOfTheGrantRoundedDown(long population) {
        var result = funding.evaluate(territory(population)).result().getSingleResult();
        long grant = result.getEntry("grantAmount");
        long usage = result.getEntry("usageLinkedAmount");
        assertThat(usage).isEqualTo(grant * 4 / 10);
        assertThat(grant).isGreaterThanOrEqualTo(1_000_000L).isLessThanOrEqualTo(Math.max(1_000_000L, 800_000L * population / 300_000));
    }

    @Test
    void anIntegerPopulationAsRestClientsSendItIsRead() {
        var result = funding.evaluate(territory(600_000)).result().getSingleResult();
        assertThat(result.<Object>getEntry("grantAmount")).isEqualTo(1_600_000L);
    }

    @ParameterizedTest(name = "population {0}: no amount")
    @NullSource
    @ValueSource(longs = {0, -1, -300_000})
    void noAmountIsComputedForAMissingOrNonPositivePopulation(Long population) {
        var evaluation = funding.evaluate(territory(population));
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().getSingleResult()).isNull();
    }

    @Test
    void noAmountIsComputedWithoutTheFact() {
        assertThat(funding.evaluate(Map.of()).result().getSingleResult()).isNull();
    }

    @Test
    void theAmountsAreLongsInEuros() {
        var result = funding.evaluate(territory(450_000L)).result().getSingleResult();
        assertThat(result.<Object>getEntry("grantAmount")).isInstanceOf(Long.class);
        assertThat(result.<Object>getEntry("usageLinkedAmount")).isInstanceOf(Long.class);
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(funding.rulesNeverMatched()).isEmpty();
        assertThat(funding.ruleIds()).isEqualTo(List.of(FORFAIT, ABOVE_300000));
    }
}
