package fr.instruire.rules.esmsnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.instruire.rules.DecisionUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * « Financement ESMS numérique »: the flat-rate grant in euros, one rule per project type. The process maps the
 * result with {@code mapDecisionResult=singleEntry}, so the tests read it the same way.
 */
class EsmsNumeriqueFundingTest {

    static final String ACQUISITION = "Rule_AcquisitionDui";
    static final String CONFORMITY = "Rule_MiseEnConformiteDui";

    static final DecisionUnderTest funding = DecisionUnderTest.load(
            "dmn/esms-numerique/esms-numerique-funding.dmn", "esms-numerique-funding");

    static Map<String, Object> project(String projectType, Integer esmsCount, Integer smallEsmsEquipmentCount) {
        var facts = new HashMap<String, Object>();
        facts.put("projectType", projectType);
        facts.put("esmsCount", esmsCount);
        facts.put("smallEsmsEquipmentCount", smallEsmsEquipmentCount);
        return facts;
    }

    static void assertGrant(Map<String, Object> facts, String rule, long euros) {
        var evaluation = funding.evaluate(facts);
        assertThat(evaluation.matchedRules()).containsExactly(rule);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(euros);
    }

    @ParameterizedTest(name = "acquisition for {0} ESMS: {1} €")
    @CsvSource({"1, 25000", "8, 200000", "29, 725000", "30, 750000", "31, 750000", "45, 750000"})
    void anAcquisitionIsFunded25000EurosPerEsmsWithinThirtyEsms(int esmsCount, long euros) {
        assertGrant(project("ACQUISITION", esmsCount, 0), ACQUISITION, euros);
    }

    @ParameterizedTest(name = "conformity upgrade for {0} ESMS: {1} €")
    @CsvSource({"1, 10000", "10, 100000", "30, 300000", "31, 300000", "45, 300000"})
    void aConformityUpgradeIsFunded10000EurosPerEsmsWithinThirtyEsms(int esmsCount, long euros) {
        assertGrant(project("MISE_EN_CONFORMITE", esmsCount, 0), CONFORMITY, euros);
    }

    @ParameterizedTest(name = "{0} for {1} ESMS with equipment for {2} small ESMS: {3} €")
    @CsvSource({
        "ACQUISITION,        8,  1, 220000",
        "ACQUISITION,        8,  3, 260000",
        "ACQUISITION,       30,  3, 810000",
        "ACQUISITION,       31,  3, 810000",
        "MISE_EN_CONFORMITE, 10, 3, 160000",
        "MISE_EN_CONFORMITE, 31, 3, 360000"})
    void equipmentAdds20000EurosPerSmallEsmsToEitherProjectType(String projectType, int esmsCount,
            int smallEsmsEquipmentCount, long euros) {
        var rule = projectType.equals("ACQUISITION") ? ACQUISITION : CONFORMITY;
        assertGrant(project(projectType, esmsCount, smallEsmsEquipmentCount), rule, euros);
    }

    /** « concomitant avec un projet de mise en œuvre d'un DUI » : equipment only for the (at most 30) ESMS funded. */
    @Test
    void equipmentGoesOnlyToTheThirtyEsmsTheProjectFunds() {
        assertGrant(project("ACQUISITION", 35, 35), ACQUISITION, 30 * 25_000 + 30 * 20_000);
        assertGrant(project("MISE_EN_CONFORMITE", 40, 32), CONFORMITY, 30 * 10_000 + 30 * 20_000);
    }

    @ParameterizedTest(name = "projectType={0}, esmsCount={1}, smallEsmsEquipmentCount={2}: no grant")
    @CsvSource({
        ",                    8, 0",
        "AUTRE,               8, 0",
        "ACQUISITION,          , 0",
        "ACQUISITION,         0, 0",
        "MISE_EN_CONFORMITE,  0, 0",
        "ACQUISITION,         8,  ",
        "MISE_EN_CONFORMITE, 10,  ",
        "ACQUISITION,         8, -1"})
    void noGrantIsComputedWhenAFactIsMissingOrInvalid(String projectType, Integer esmsCount,
            Integer smallEsmsEquipmentCount) {
        var evaluation = funding.evaluate(project(projectType, esmsCount, smallEsmsEquipmentCount));
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().<Object>getSingleEntry()).isNull();
    }

    @Test
    void theGrantIsALongInEuros() {
        var grant = funding.evaluate(project("ACQUISITION", 8, 0)).result().getSingleEntry();
        assertThat(grant).isInstanceOf(Long.class);
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(funding.rulesNeverMatched()).isEmpty();
        assertThat(funding.ruleIds()).isEqualTo(List.of(ACQUISITION, CONFORMITY));
    }
}
