package fr.instruire.rules.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.instruire.rules.DecisionUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * « Financement Facilisoins »: the crédits d'amorçage et d'ingénierie granted for the 18 months, the request
 * capped at 50 000 € per establishment. Read with {@code mapDecisionResult=singleEntry}, as the process will.
 */
class FacilisoinsFundingTest {

    static final String CAPPED_REQUEST = "Rule_EnveloppeMaximaleParEtablissement";

    static final DecisionUnderTest funding = DecisionUnderTest.load(
            "dmn/facilisoins/facilisoins-funding.dmn", "facilisoins-funding");

    static Map<String, Object> request(Object requestedAmount) {
        var facts = new HashMap<String, Object>();
        facts.put("requestedAmount", requestedAmount);
        return facts;
    }

    @ParameterizedTest(name = "{0} € requested: {1} € granted")
    @CsvSource({"0, 0", "1, 1", "30000, 30000", "49999, 49999", "50000, 50000", "50001, 50000", "120000, 50000"})
    void theRequestIsGrantedWithinTheEnvelopeOf50000EurosPerEstablishment(long requested, long granted) {
        var evaluation = funding.evaluate(request(requested));
        assertThat(evaluation.matchedRules()).containsExactly(CAPPED_REQUEST);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(granted);
    }

    @Test
    void anIntegerRequestAsRestClientsSendItIsReadAsEuros() {
        assertThat(funding.evaluate(request(50_001)).result().<Object>getSingleEntry()).isEqualTo(50_000L);
    }

    @ParameterizedTest(name = "requested {0}: no amount")
    @NullSource
    @ValueSource(longs = {-1, -50_000})
    void noAmountIsComputedForAMissingOrNegativeRequest(Long requested) {
        var evaluation = funding.evaluate(request(requested));
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().<Object>getSingleEntry()).isNull();
    }

    @Test
    void noAmountIsComputedWithoutTheFact() {
        assertThat(funding.evaluate(Map.of()).result().<Object>getSingleEntry()).isNull();
    }

    @Test
    void theGrantIsALongInEuros() {
        assertThat(funding.evaluate(request(12_345L)).result().<Object>getSingleEntry()).isInstanceOf(Long.class);
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(funding.rulesNeverMatched()).isEmpty();
        assertThat(funding.ruleIds()).isEqualTo(List.of(CAPPED_REQUEST));
    }
}
