package fr.instruire.rules.cvlnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Montant sollicité présenté au comité »: the descriptor's {@code funding}, which the platform's recordInstruction
 * evaluates at the analysis, before the committee sets the rate — the amount the applicant requests stands in.
 */
class CvlNumeriqueRequestedAmountTest {

    static final String FILE = "dmn/cvl-numerique/cvl-numerique-requested-amount.dmn";

    static final DecisionUnderTest requested = DecisionUnderTest.load(FILE, "cvl-numerique-requested-amount");

    static Map<String, Object> requestedAmount(Long amount) {
        var facts = new HashMap<String, Object>();
        facts.put("requestedAmount", amount);
        return facts;
    }

    @ParameterizedTest(name = "{0} € requested: {0} € shown to the committee")
    @CsvSource({"0", "1", "120000"})
    void theAmountRequestedIsShownAsIs(long amount) {
        var evaluation = requested.evaluate(requestedAmount(amount));
        assertThat(evaluation.matchedRules()).containsExactly("Rule_MontantSollicite");
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(amount);
    }

    @ParameterizedTest(name = "{0}: no amount")
    @CsvSource({"-1", "''"})
    void aMissingOrNegativeRequestGivesNoAmount(String amount) {
        var evaluation = requested.evaluate(requestedAmount(amount.isEmpty() ? null : Long.valueOf(amount)));
        assertThat(evaluation.result().getResultList()).isEmpty();
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(requested.rulesNeverMatched()).isEmpty();
    }
}
