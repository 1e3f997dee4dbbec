package fr.instruire.rules.cvlnumerique;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.INTEGER;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Score d'analyse »: the weighted sum of the marks of the thirteen « critères d'analyse des projets ». The weights
 * are the « Poids » column of the grid, one row per criterion; the tests that change them edit that column in a copy of
 * the file, as a process owner would in Modeler.
 */
class CvlNumeriqueScoreTest {

    static final String FILE = "dmn/cvl-numerique/cvl-numerique-score.dmn";
    static final String SCORE_RULE = "Rule_ScorePondere";

    /** The analysis form's marks, in the call's order of its criteria, with the grid row that reads each. */
    static final Map<String, String> ROW_OF_MARK = new LinkedHashMap<>();
    static {
        ROW_OF_MARK.put("scoreConformiteStrategies", "Rule_ConformiteStrategies");
        ROW_OF_MARK.put("scoreArticulationPartenaires", "Rule_ArticulationPartenaires");
        ROW_OF_MARK.put("scoreArticulationTerritoire", "Rule_ArticulationTerritoire");
        ROW_OF_MARK.put("scoreLisibiliteObjectifs", "Rule_LisibiliteObjectifs");
        ROW_OF_MARK.put("scoreAccesAuxSoins", "Rule_AccesAuxSoins");
        ROW_OF_MARK.put("scoreDimensionCollective", "Rule_DimensionCollective");
        ROW_OF_MARK.put("scoreCompositionCollectif", "Rule_CompositionCollectif");
        ROW_OF_MARK.put("scorePhasage", "Rule_Phasage");
        ROW_OF_MARK.put("scoreIndicateurs", "Rule_Indicateurs");
        ROW_OF_MARK.put("scoreDimensionInnovante", "Rule_DimensionInnovante");
        ROW_OF_MARK.put("scoreReproductibilite", "Rule_Reproductibilite");
        ROW_OF_MARK.put("scoreVolumeUsages", "Rule_VolumeUsages");
        ROW_OF_MARK.put("scorePlanFinancement", "Rule_PlanFinancement");
    }

    static final DecisionUnderTest score = DecisionUnderTest.load(FILE, "cvl-numerique-score");
    static final DecisionUnderTest grid = DecisionUnderTest.load(FILE, "cvl-numerique-score-grid");

    /** Thirteen marks in the call's order. */
    static Map<String, Object> marks(List<Integer> marks) {
        var facts = new HashMap<String, Object>();
        var names = new ArrayList<>(ROW_OF_MARK.keySet());
        for (int i = 0; i < names.size(); i++) {
            facts.put(names.get(i), marks.get(i));
        }
        return facts;
    }

    static Map<String, Object> markedEverywhere(int mark) {
        return marks(Collections.nCopies(13, mark));
    }

    static Map<String, Object> withMark(Map<String, Object> facts, String name, Object mark) {
        var changed = new HashMap<>(facts);
        changed.put(name, mark);
        return changed;
    }

    static Integer scoreOf(DecisionUnderTest decision, Map<String, Object> facts) {
        return decision.evaluate(facts).result().getSingleResult().getEntry("score");
    }

    // --- the grid as the call writes it ------------------------------------------------------------------------

    @Test
    void theGridHasOneRowPerCriterionOfTheCallInItsOrder() {
        var rows = new ArrayList<>(ROW_OF_MARK.values());
        assertThat(grid.ruleIds()).isEqualTo(rows);

        var result = grid.evaluate(markedEverywhere(3));

        assertThat(result.matchedRules()).isEqualTo(rows);
        assertThat(result.result().<String>collectEntries("criterion")).containsExactly(
                "Conformité aux stratégies numériques nationales et régionales",
                "Articulation entre les partenaires du projet",
                "Articulation avec les acteurs du territoire, dont la CPTS de rattachement",
                "Lisibilité des objectifs du projet",
                "Contribution à l’accès aux soins et au parcours de soins local",
                "Dimension collective du projet",
                "Composition du collectif",
                "Phasage et planification du projet",
                "Indicateurs de pilotage et de suivi",
                "Dimension innovante du projet",
                "Reproductibilité du projet",
                "Volume d’usages et personnes concernées",
                "Plan de financement");
        assertThat(result.result().<Integer>collectEntries("mark")).hasSize(13).containsOnly(3);
    }

    @Test
    void theCallWeighsItsCriteriaAlike() {
        assertThat(grid.evaluate(Map.of()).result().collectEntries("weight"))
                .hasSize(13).allSatisfy(weight -> assertThat(weight).isInstanceOf(Integer.class)
                        .asInstanceOf(INTEGER).isEqualTo(1));
        assertThat(score.evaluate(markedEverywhere(0)).result().getSingleResult().<Integer>getEntry("maxScore"))
                .isEqualTo(65);
    }

    // --- the score ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "marks {0}: {1}/65")
    @CsvSource(delimiter = ';', value = {
        "5,5,5,5,5,5,5,5,5,5,5,5,5; 65",
        "0,0,0,0,0,0,0,0,0,0,0,0,0;  0",
        "4,3,5,2,4,3,3,4,5,2,1,0,4; 40"})
    void withTheCallsWeightsTheScoreIsTheSumOfTheMarks(String marks, int expected) {
        var evaluation = score.evaluate(marks(Arrays.stream(marks.split(",")).map(Integer::valueOf).toList()));

        assertThat(evaluation.matchedRules()).containsExactly(SCORE_RULE);
        assertThat(evaluation.result().getSingleResult().getEntryMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("score", expected, "maxScore", 65));
    }

    @ParameterizedTest(name = "{0} at {1}: scored")
    @CsvSource({"scoreConformiteStrategies, 0", "scoreConformiteStrategies, 5", "scorePlanFinancement, 0",
        "scorePlanFinancement, 5"})
    void zeroAndFiveAreTheEndsOfTheScale(String name, int mark) {
        assertThat(scoreOf(score, withMark(markedEverywhere(3), name, mark))).isEqualTo(39 - 3 + mark);
    }

    @ParameterizedTest(name = "{0} missing: no score")
    @MethodSource("markNames")
    void noScoreWhileAMarkIsMissing(String name) {
        var facts = markedEverywhere(3);
        facts.remove(name);
        assertNoScore(facts);
        assertNoScore(withMark(facts, name, null));
    }

    @ParameterizedTest(name = "{0} at {1}: no score")
    @CsvSource({"scoreConformiteStrategies, -1", "scoreConformiteStrategies, 6", "scoreVolumeUsages, 6",
        "scorePlanFinancement, 10"})
    void noScoreForAMarkOutsideZeroToFive(String name, int mark) {
        assertNoScore(withMark(markedEverywhere(3), name, mark));
    }

    static List<String> markNames() {
        return List.copyOf(ROW_OF_MARK.keySet());
    }

    static void assertNoScore(Map<String, Object> facts) {
        var evaluation = score.evaluate(facts);
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().getResultList()).isEmpty();
    }

    // --- weights changed in the grid, as a process owner would ---------------------------------------------------

    /** Strong on the financing plan, weak on innovation. */
    static final Map<String, Object> WELL_FUNDED = marks(List.of(3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 3, 5));
    /** Weak on the financing plan, strong on innovation: one point ahead with the call's weights. */
    static final Map<String, Object> INNOVATIVE = marks(List.of(3, 3, 3, 3, 3, 3, 3, 3, 3, 5, 3, 3, 2));

    @Test
    void weighingTheFinancingPlanThreeTimesPutsTheWellFundedProjectFirst(@TempDir Path dir) {
        assertThat(scoreOf(score, INNOVATIVE) - scoreOf(score, WELL_FUNDED)).isEqualTo(1);

        var weighted = DecisionUnderTest.load(withWeights(dir, Map.of("Rule_PlanFinancement", 3)).toString(),
                "cvl-numerique-score");

        assertThat(scoreOf(weighted, WELL_FUNDED)).isEqualTo(scoreOf(score, WELL_FUNDED) + 2 * 5);
        assertThat(scoreOf(weighted, WELL_FUNDED)).isGreaterThan(scoreOf(weighted, INNOVATIVE));
        assertThat(weighted.evaluate(WELL_FUNDED).result().getSingleResult().<Integer>getEntry("maxScore")).isEqualTo(75);
    }

    @Test
    void aWeightOfZeroLeavesTheCriterionOut(@TempDir Path dir) {
        var withoutInnovation = DecisionUnderTest.load(
                withWeights(dir, Map.of("Rule_DimensionInnovante", 0)).toString(), "cvl-numerique-score");

        assertThat(scoreOf(withoutInnovation, INNOVATIVE)).isEqualTo(scoreOf(score, INNOVATIVE) - 5);
        assertThat(scoreOf(withoutInnovation, withMark(INNOVATIVE, "scoreDimensionInnovante", 0)))
                .isEqualTo(scoreOf(withoutInnovation, INNOVATIVE));
        assertThat(withoutInnovation.evaluate(INNOVATIVE).result().getSingleResult().<Integer>getEntry("maxScore"))
                .isEqualTo(60);
    }

    /** A copy of the score file where the « Poids » cell of the given grid rows is changed. */
    static Path withWeights(Path dir, Map<String, Integer> weightOfRow) {
        var model = Dmn.readModelFromFile(Path.of(FILE).toFile());
        Decision gridDecision = model.getModelElementById("cvl-numerique-score-grid");
        var table = (DecisionTable) gridDecision.getExpression();
        var outputs = new ArrayList<Output>(table.getOutputs());
        var weightColumn = outputs.indexOf(outputs.stream().filter(o -> "weight".equals(o.getName())).findFirst().orElseThrow());
        weightOfRow.forEach((ruleId, weight) -> {
            Rule rule = model.getModelElementById(ruleId);
            new ArrayList<OutputEntry>(rule.getOutputEntries()).get(weightColumn).getText()
                    .setTextContent(String.valueOf(weight));
        });
        var copy = dir.resolve("cvl-numerique-score.dmn");
        Dmn.writeModelToFile(copy.toFile(), model);
        return copy;
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(score.rulesNeverMatched()).isEmpty();
        assertThat(grid.rulesNeverMatched()).isEmpty();
        assertThat(score.ruleIds()).containsExactly(SCORE_RULE);
    }
}
