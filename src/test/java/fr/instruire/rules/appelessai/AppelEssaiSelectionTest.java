package fr.instruire.rules.appelessai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Score Télésoins de proximité », the test-only call's score table: pertinence and faisabilité, 0 to 5 each, out of
 * 10 — what {@code recordInstruction} reads as the call's {@code score} decision.
 */
class AppelEssaiSelectionTest {

    static final String MARKS_GIVEN = "Rule_NotesDonnees";

    static final DecisionUnderTest selection = DecisionUnderTest.load(
            "src/test/resources/dmn/appel-essai/appel-essai-selection.dmn", "appel-essai-selection");

    static Map<String, Object> marks(Integer pertinence, Integer faisabilite) {
        var marks = new HashMap<String, Object>();
        marks.put("scorePertinence", pertinence);
        marks.put("scoreFaisabilite", faisabilite);
        return marks;
    }

    @ParameterizedTest(name = "{0} + {1} = {2}/10")
    @CsvSource({"0, 0, 0", "4, 3, 7", "5, 5, 10"})
    void theScoreIsTheSumOfTheTwoMarksOutOfTen(int pertinence, int faisabilite, int score) {
        var evaluation = selection.evaluate(marks(pertinence, faisabilite));
        assertThat(evaluation.matchedRules()).containsExactly(MARKS_GIVEN);
        assertThat(evaluation.result().getSingleResult().getEntryMap()).isEqualTo(Map.of("score", score, "maxScore", 10));
    }

    @ParameterizedTest(name = "marks {0} and {1}: no score")
    @CsvSource({"6, 3", "-1, 3", "4, 6", ", 3", "4, "})
    void noScoreWhileAMarkIsMissingOrOutOfItsScale(Integer pertinence, Integer faisabilite) {
        assertThat(selection.evaluate(marks(pertinence, faisabilite)).matchedRules()).isEmpty();
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(selection.rulesNeverMatched()).isEmpty();
        assertThat(selection.ruleIds()).isEqualTo(List.of(MARKS_GIVEN));
    }
}
