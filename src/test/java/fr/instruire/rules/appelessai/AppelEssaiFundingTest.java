package fr.instruire.rules.appelessai;

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
 * « Financement Télésoins de proximité », the test-only call's funding table: the request, capped at 20 000 € for a
 * maison or a centre de santé and at 40 000 € for a CPTS. Read with {@code mapDecisionResult=singleEntry}, as the
 * dossier process reads it.
 */
class AppelEssaiFundingTest {

    static final String HOUSE_OR_CENTRE = "Rule_PlafondMaisonOuCentre";
    static final String CPTS = "Rule_PlafondCpts";

    static final DecisionUnderTest funding = DecisionUnderTest.load(
            "src/test/resources/dmn/appel-essai/appel-essai-funding.dmn", "appel-essai-funding");

    static Map<String, Object> application(String typeStructure, Long requestedAmount) {
        var facts = new HashMap<String, Object>();
        facts.put("typeStructure", typeStructure);
        facts.put("requestedAmount", requestedAmount);
        return facts;
    }

    @ParameterizedTest(name = "{0} requests {1} €: {2} € granted")
    @CsvSource({"MSP, 0, 0", "MSP, 19999, 19999", "MSP, 20000, 20000", "MSP, 20001, 20000", "CDS, 55000, 20000"})
    void aHouseOrACentreDeSanteIsGrantedItsRequestUpTo20000Euros(String type, long requested, long granted) {
        var evaluation = funding.evaluate(application(type, requested));
        assertThat(evaluation.matchedRules()).containsExactly(HOUSE_OR_CENTRE);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(granted);
    }

    @ParameterizedTest(name = "a CPTS requests {0} €: {1} € granted")
    @CsvSource({"0, 0", "20001, 20001", "40000, 40000", "40001, 40000", "55000, 40000"})
    void aCptsIsGrantedItsRequestUpTo40000Euros(long requested, long granted) {
        var evaluation = funding.evaluate(application("CPTS", requested));
        assertThat(evaluation.matchedRules()).containsExactly(CPTS);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(granted);
    }

    @Test
    void noAmountForAStructureOutsideTheCallOrAMissingOrNegativeRequest() {
        assertThat(funding.evaluate(application("EHPAD", 10_000L)).matchedRules()).isEmpty();
        assertThat(funding.evaluate(application("CPTS", null)).matchedRules()).isEmpty();
        assertThat(funding.evaluate(application("MSP", -1L)).matchedRules()).isEmpty();
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(funding.rulesNeverMatched()).isEmpty();
        assertThat(funding.ruleIds()).isEqualTo(List.of(HOUSE_OR_CENTRE, CPTS));
    }
}
