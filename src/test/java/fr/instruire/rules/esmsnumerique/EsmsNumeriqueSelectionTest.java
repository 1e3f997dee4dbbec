package fr.instruire.rules.esmsnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Score de priorisation ESMS numérique »: the five « critères de priorisation », each marked 0 to 5, summed out of
 * 25; no score while a mark is missing or out of the scale.
 */
class EsmsNumeriqueSelectionTest {

    static final String MARKED = "Rule_NotesDonnees";

    static final DecisionUnderTest selection = DecisionUnderTest.load(
            "dmn/esms-numerique/esms-numerique-selection.dmn", "esms-numerique-selection");

    static Map<String, Object> marks(Integer motivation, Integer perimeter, Integer pooling, Integer interoperability,
                                     Integer regionalPlatform) {
        var marks = new HashMap<String, Object>();
        marks.put("scoreMotivation", motivation);
        marks.put("scorePerimetreFonctionnel", perimeter);
        marks.put("scoreMutualisation", pooling);
        marks.put("scoreInteroperabilite", interoperability);
        marks.put("scorePlateformeRegionale", regionalPlatform);
        return marks;
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}: {5} / 25")
    @CsvSource({"0, 0, 0, 0, 0, 0", "4, 4, 3, 5, 2, 18", "5, 5, 5, 5, 5, 25", "1, 0, 0, 0, 0, 1"})
    void theScoreIsTheSumOfTheFiveMarksOutOf25(int a, int b, int c, int d, int e, int score) {
        var evaluation = selection.evaluate(marks(a, b, c, d, e));
        assertThat(evaluation.matchedRules()).containsExactly(MARKED);
        assertThat(evaluation.result().getSingleResult().<Object>getEntry("score")).isEqualTo(score);
        assertThat(evaluation.result().getSingleResult().<Object>getEntry("maxScore")).isEqualTo(25);
    }

    @ParameterizedTest(name = "a mark of {0}: no score")
    @CsvSource({"-1", "6"})
    void aMarkOutOfTheScaleGivesNoScore(int mark) {
        assertThat(selection.evaluate(marks(mark, 4, 3, 5, 2)).matchedRules()).isEmpty();
    }

    @Test
    void aMissingMarkGivesNoScore() {
        assertThat(selection.evaluate(marks(4, null, 3, 5, 2)).matchedRules()).isEmpty();
    }
}
