package fr.instruire.rules.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import fr.instruire.rules.DecisionUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * « Points des avis de l'ARS et de la CPAM »: the two opinions become the mark (0..5) of the selection criterion
 * « Avis favorables de l'ARS et de la CPAM concernées ». Every pair of opinions, given or not, gets exactly one row.
 */
class FacilisoinsOpinionPointsTest {

    static final DecisionUnderTest opinionPoints = DecisionUnderTest.load(
            FacilisoinsSelectionTest.FILE, "facilisoins-opinion-points");

    static Map<String, Object> opinions(String ars, String cpam) {
        var facts = new HashMap<String, Object>();
        facts.put("arsOpinion", ars);
        facts.put("cpamOpinion", cpam);
        return facts;
    }

    @ParameterizedTest(name = "ARS {0}, CPAM {1}: {3} points ({2})")
    @CsvSource({
        "FAVORABLE,   FAVORABLE,   Rule_AvisArsEtCpamFavorables,       5",
        "FAVORABLE,   RESERVE,     Rule_AvisArsFavorableCpamReserve,   3",
        "RESERVE,     FAVORABLE,   Rule_AvisArsReserveCpamFavorable,   3",
        "RESERVE,     RESERVE,     Rule_AvisArsEtCpamReserves,         1",
        "DEFAVORABLE, FAVORABLE,   Rule_AvisArsDefavorableOuNonRendu,  0",
        "DEFAVORABLE, RESERVE,     Rule_AvisArsDefavorableOuNonRendu,  0",
        "DEFAVORABLE, DEFAVORABLE, Rule_AvisArsDefavorableOuNonRendu,  0",
        "FAVORABLE,   DEFAVORABLE, Rule_AvisCpamDefavorableOuNonRendu, 0",
        "RESERVE,     DEFAVORABLE, Rule_AvisCpamDefavorableOuNonRendu, 0"})
    void eachPairOfOpinionsHasItsPoints(String ars, String cpam, String rule, int points) {
        assertPoints(opinions(ars, cpam), rule, points);
    }

    @ParameterizedTest(name = "ARS \"{0}\", CPAM \"{1}\": not favourable, 0 points ({2})")
    @CsvSource(value = {
        "NULL,      FAVORABLE, Rule_AvisArsDefavorableOuNonRendu",
        "'',        FAVORABLE, Rule_AvisArsDefavorableOuNonRendu",
        "favorable, FAVORABLE, Rule_AvisArsDefavorableOuNonRendu",
        "NULL,      NULL,      Rule_AvisArsDefavorableOuNonRendu",
        "FAVORABLE, NULL,      Rule_AvisCpamDefavorableOuNonRendu",
        "RESERVE,   '',        Rule_AvisCpamDefavorableOuNonRendu",
        "FAVORABLE, AUTRE,     Rule_AvisCpamDefavorableOuNonRendu"}, nullValues = "NULL")
    void anOpinionNotGivenOrUnknownIsNotFavourable(String ars, String cpam, String rule) {
        assertPoints(opinions(ars, cpam), rule, 0);
    }

    static void assertPoints(Map<String, Object> facts, String rule, int points) {
        var evaluation = opinionPoints.evaluate(facts);
        assertThat(evaluation.matchedRules()).containsExactly(rule);
        assertThat(evaluation.result().<Object>getSingleEntry()).isEqualTo(points);
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(opinionPoints.rulesNeverMatched()).isEmpty();
    }
}
