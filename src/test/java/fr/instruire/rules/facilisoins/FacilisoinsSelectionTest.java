package fr.instruire.rules.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.INTEGER;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.instruire.rules.DecisionUnderTest;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * « Score de sélection Facilisoins »: the weighted sum of the grid's marks. The weights are the « Poids » column of
 * « Grille de sélection Facilisoins », one row per selection criterion of the call; the tests that change them edit
 * that column in a copy of the file, as a process owner would in Modeler.
 */
class FacilisoinsSelectionTest {

    static final String FILE = "dmn/facilisoins/facilisoins-selection.dmn";
    static final String SCORE_RULE = "Rule_ScorePondere";

    /** The reviewer's marks, in the call's order of the selection criteria, with the grid row that reads each. */
    static final Map<String, String> ROW_OF_MARK = new LinkedHashMap<>();
    static {
        ROW_OF_MARK.put("scoreConstructionProjet", "Rule_ConstructionDuProjet");
        ROW_OF_MARK.put("scoreComprehensionEnjeux", "Rule_ComprehensionDesEnjeux");
        ROW_OF_MARK.put("scoreCoherenceTerritoire", "Rule_CoherenceAvecLeTerritoire");
        ROW_OF_MARK.put("scoreCaractereInnovant", "Rule_CaractereInnovant");
        ROW_OF_MARK.put("scoreActionsBesoinsSoins", "Rule_ActionsBesoinsEnSoins");
        ROW_OF_MARK.put("scoreEngagement", "Rule_Engagement");
        ROW_OF_MARK.put("scoreEstimationCouts", "Rule_EstimationDesCouts");
        ROW_OF_MARK.put("scoreCapacitesOrganisationnelles", "Rule_CapacitesOrganisationnelles");
        ROW_OF_MARK.put("scorePartenariats", "Rule_Partenariats");
        ROW_OF_MARK.put("scoreGouvernance", "Rule_Gouvernance");
    }
    static final String OPINIONS_ROW = "Rule_AvisArsEtCpam";

    static final DecisionUnderTest selection = DecisionUnderTest.load(FILE, "facilisoins-selection");
    static final DecisionUnderTest grid = DecisionUnderTest.load(FILE, "facilisoins-selection-grid");

    /** Ten marks in the call's order, then the two opinions. */
    static Map<String, Object> dossier(List<Integer> marks, String ars, String cpam) {
        var facts = new HashMap<String, Object>();
        var names = new ArrayList<>(ROW_OF_MARK.keySet());
        for (int i = 0; i < names.size(); i++) {
            facts.put(names.get(i), marks.get(i));
        }
        facts.put("arsOpinion", ars);
        facts.put("cpamOpinion", cpam);
        return facts;
    }

    static Map<String, Object> dossierMarkedEverywhere(int mark, String ars, String cpam) {
        return dossier(List.of(mark, mark, mark, mark, mark, mark, mark, mark, mark, mark), ars, cpam);
    }

    static Map<String, Object> withMark(Map<String, Object> facts, String name, Object mark) {
        var changed = new HashMap<>(facts);
        changed.put(name, mark);
        return changed;
    }

    static Integer score(DecisionUnderTest decision, Map<String, Object> facts) {
        return decision.evaluate(facts).result().getSingleResult().getEntry("score");
    }

    // --- the grid as the call writes it ------------------------------------------------------------------------

    @Test
    void theGridHasOneRowPerSelectionCriterionOfTheCallInItsOrder() {
        var rows = new ArrayList<>(ROW_OF_MARK.values());
        rows.add(OPINIONS_ROW);
        assertThat(grid.ruleIds()).isEqualTo(rows);

        var result = grid.evaluate(dossierMarkedEverywhere(3, "FAVORABLE", "FAVORABLE"));

        assertThat(result.matchedRules()).isEqualTo(rows);
        assertThat(result.result().<String>collectEntries("criterion")).containsExactly(
                "Construction du projet proposé",
                "Compréhension des enjeux et objectifs de l’expérimentation",
                "Cohérence avec les enjeux du territoire",
                "Caractère innovant du projet",
                "Actions pour répondre aux besoins en soins des personnes",
                "Engagement dans les actions mises en œuvre",
                "Estimation des coûts liés (ingénierie de projet)",
                "Capacités organisationnelles",
                "Partenariats développés (existants et envisagés)",
                "Gouvernance proposée",
                "Avis favorables de l’ARS et de la CPAM concernées");
        assertThat(result.result().<Integer>collectEntries("mark")).containsExactly(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 5);
    }

    @Test
    void everyWeightIsAWholeNumberNotBelowZero() {
        assertThat(grid.evaluate(dossierMarkedEverywhere(3, "FAVORABLE", "FAVORABLE")).result().collectEntries("weight"))
                .hasSize(11).allSatisfy(weight -> assertThat(weight).isInstanceOf(Integer.class)
                        .asInstanceOf(INTEGER).isNotNegative());
    }

    @Test
    void theCallWeighsItsCriteriaAlike() {
        var result = selection.evaluate(dossierMarkedEverywhere(0, "DEFAVORABLE", "DEFAVORABLE")).result().getSingleResult();
        assertThat(grid.evaluate(Map.of()).result().<Integer>collectEntries("weight")).containsOnly(1);
        assertThat(result.<Integer>getEntry("maxScore")).isEqualTo(55);
    }

    // --- the score ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "marks {0}, ARS {1}, CPAM {2}: {3}/55")
    @CsvSource(delimiter = ';', value = {
        "5,5,5,5,5,5,5,5,5,5; FAVORABLE;   FAVORABLE;   55",
        "0,0,0,0,0,0,0,0,0,0; DEFAVORABLE; DEFAVORABLE;  0",
        "0,0,0,0,0,0,0,0,0,0; FAVORABLE;   FAVORABLE;    5",
        "4,3,5,2,4,3,3,4,5,2; FAVORABLE;   RESERVE;     38",
        "4,3,5,2,4,3,3,4,5,2; RESERVE;     RESERVE;     36",
        "4,3,5,2,4,3,3,4,5,2; DEFAVORABLE; FAVORABLE;   35"})
    void withTheCallsWeightsTheScoreIsTheSumOfTheMarks(String marks, String ars, String cpam, int expected) {
        var facts = dossier(Arrays.stream(marks.split(",")).map(Integer::valueOf).toList(), ars, cpam);

        var evaluation = selection.evaluate(facts);

        assertThat(evaluation.matchedRules()).containsExactly(SCORE_RULE);
        assertThat(evaluation.result().getSingleResult().getEntryMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("score", expected, "maxScore", 55));
    }

    @Test
    void theOpinionsOfTheArsAndTheCpamMoveTheScore() {
        var marks = List.of(3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        assertThat(score(selection, dossier(marks, "FAVORABLE", "FAVORABLE"))).isEqualTo(35);
        assertThat(score(selection, dossier(marks, "FAVORABLE", "RESERVE"))).isEqualTo(33);
        assertThat(score(selection, dossier(marks, "RESERVE", "RESERVE"))).isEqualTo(31);
        assertThat(score(selection, dossier(marks, "FAVORABLE", "DEFAVORABLE"))).isEqualTo(30);
    }

    @Test
    void aDossierWhoseOpinionsAreNotGivenIsScoredWithoutTheirPoints() {
        var facts = dossierMarkedEverywhere(3, null, null);
        assertThat(selection.evaluate(facts).matchedRules()).containsExactly(SCORE_RULE);
        assertThat(score(selection, facts)).isEqualTo(30);
    }

    @ParameterizedTest(name = "{0} at {1}: scored")
    @CsvSource({"scoreConstructionProjet, 0", "scoreConstructionProjet, 5", "scoreGouvernance, 0", "scoreGouvernance, 5"})
    void zeroAndFiveAreTheEndsOfTheScale(String name, int mark) {
        var facts = withMark(dossierMarkedEverywhere(3, "FAVORABLE", "FAVORABLE"), name, mark);
        assertThat(score(selection, facts)).isEqualTo(35 - 3 + mark);
    }

    @ParameterizedTest(name = "{0} missing: no score")
    @MethodSource("markNames")
    void noScoreWhileAMarkIsMissing(String name) {
        var facts = dossierMarkedEverywhere(3, "FAVORABLE", "FAVORABLE");
        facts.remove(name);
        assertNoScore(facts);
        assertNoScore(withMark(facts, name, null));
    }

    @ParameterizedTest(name = "{0} at {1}: no score")
    @CsvSource({"scoreConstructionProjet, -1", "scoreConstructionProjet, 6", "scorePartenariats, 6", "scoreGouvernance, 10"})
    void noScoreForAMarkOutsideZeroToFive(String name, int mark) {
        assertNoScore(withMark(dossierMarkedEverywhere(3, "FAVORABLE", "FAVORABLE"), name, mark));
    }

    static List<String> markNames() {
        return List.copyOf(ROW_OF_MARK.keySet());
    }

    static void assertNoScore(Map<String, Object> facts) {
        var evaluation = selection.evaluate(facts);
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().getResultList()).isEmpty();
    }

    @Test
    void theScoresAreIntegers() {
        var result = selection.evaluate(dossierMarkedEverywhere(3, "FAVORABLE", "FAVORABLE")).result().getSingleResult();
        assertThat(result.<Object>getEntry("score")).isInstanceOf(Integer.class);
        assertThat(result.<Object>getEntry("maxScore")).isInstanceOf(Integer.class);
    }

    // --- weights changed in the grid, as a process owner would ---------------------------------------------------

    /** Strong on the construction of the project, weak on partnerships. */
    static final Map<String, Object> WELL_BUILT = dossier(List.of(5, 3, 3, 3, 3, 3, 3, 3, 1, 3), "FAVORABLE", "FAVORABLE");
    /** Weak on the construction of the project, strong on partnerships: one point ahead with the call's weights. */
    static final Map<String, Object> WELL_CONNECTED = dossier(List.of(2, 3, 3, 3, 3, 3, 3, 3, 5, 3), "FAVORABLE", "FAVORABLE");

    @Test
    void withTheCallsWeightsTheBetterConnectedDossierRanksFirst() {
        assertThat(ranking(selection, Map.of("A", WELL_BUILT, "B", WELL_CONNECTED))).containsExactly("B", "A");
        assertThat(score(selection, WELL_CONNECTED) - score(selection, WELL_BUILT)).isEqualTo(1);
    }

    @Test
    void weighingTheConstructionOfTheProjectThreeTimesPutsTheWellBuiltDossierFirst(@TempDir Path dir) {
        var weighted = DecisionUnderTest.load(
                withWeights(dir, Map.of("Rule_ConstructionDuProjet", 3)).toString(), "facilisoins-selection");

        assertThat(ranking(weighted, Map.of("A", WELL_BUILT, "B", WELL_CONNECTED))).containsExactly("A", "B");
        assertThat(score(weighted, WELL_BUILT)).isEqualTo(score(selection, WELL_BUILT) + 2 * 5);
        assertThat(weighted.evaluate(WELL_BUILT).result().getSingleResult().<Integer>getEntry("maxScore")).isEqualTo(65);
    }

    @Test
    void aWeightOfZeroLeavesTheCriterionOut(@TempDir Path dir) {
        var withoutPartnerships = DecisionUnderTest.load(
                withWeights(dir, Map.of("Rule_Partenariats", 0)).toString(), "facilisoins-selection");

        assertThat(score(withoutPartnerships, WELL_CONNECTED)).isEqualTo(score(selection, WELL_CONNECTED) - 5);
        assertThat(score(withoutPartnerships, withMark(WELL_CONNECTED, "scorePartenariats", 0)))
                .isEqualTo(score(withoutPartnerships, WELL_CONNECTED));
        assertThat(ranking(withoutPartnerships, Map.of("A", WELL_BUILT, "B", WELL_CONNECTED))).containsExactly("A", "B");
    }

    @Test
    void everyWeightCountsAsWrittenInTheGrid(@TempDir Path dir) {
        var weights = new HashMap<String, Integer>();
        var rows = new ArrayList<>(ROW_OF_MARK.values());
        rows.add(OPINIONS_ROW);
        for (int i = 0; i < rows.size(); i++) {
            weights.put(rows.get(i), i + 1);
        }
        var weighted = DecisionUnderTest.load(withWeights(dir, weights).toString(), "facilisoins-selection");

        var result = weighted.evaluate(dossier(List.of(1, 2, 3, 4, 5, 0, 1, 2, 3, 4), "FAVORABLE", "RESERVE"))
                .result().getSingleResult();

        // 1×1 + 2×2 + 3×3 + 4×4 + 5×5 + 6×0 + 7×1 + 8×2 + 9×3 + 10×4 + 11×3 (avis)
        assertThat(result.<Integer>getEntry("score")).isEqualTo(178);
        assertThat(result.<Integer>getEntry("maxScore")).isEqualTo(5 * 66);
    }

    /** A copy of the selection file where the « Poids » cell of the given grid rows is changed. */
    static Path withWeights(Path dir, Map<String, Integer> weightOfRow) {
        var model = Dmn.readModelFromFile(Path.of(FILE).toFile());
        Decision gridDecision = model.getModelElementById("facilisoins-selection-grid");
        var table = (DecisionTable) gridDecision.getExpression();
        var outputs = new ArrayList<Output>(table.getOutputs());
        var weightColumn = outputs.indexOf(outputs.stream().filter(o -> "weight".equals(o.getName())).findFirst().orElseThrow());
        weightOfRow.forEach((ruleId, weight) -> {
            Rule rule = model.getModelElementById(ruleId);
            new ArrayList<OutputEntry>(rule.getOutputEntries()).get(weightColumn).getText()
                    .setTextContent(String.valueOf(weight));
        });
        var copy = dir.resolve("facilisoins-selection.dmn");
        Dmn.writeModelToFile(copy.toFile(), model);
        return copy;
    }

    /** Dossier names, best score first. */
    static List<String> ranking(DecisionUnderTest decision, Map<String, Map<String, Object>> dossiers) {
        return dossiers.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Map<String, Object>> d) -> score(decision, d.getValue()))
                        .reversed())
                .map(Map.Entry::getKey)
                .toList();
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(selection.rulesNeverMatched()).isEmpty();
        assertThat(grid.rulesNeverMatched()).isEmpty();
        assertThat(selection.ruleIds()).containsExactly(SCORE_RULE);
    }
}
