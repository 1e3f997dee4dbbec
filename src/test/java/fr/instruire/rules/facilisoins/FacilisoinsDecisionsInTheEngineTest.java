package fr.instruire.rules.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three Facilisoins files deployed in an in-memory engine and evaluated by decision key, the call that
 * {@code POST /engine-rest/decision-definition/key/{key}/evaluate} makes: the selection score is evaluated alone
 * from the marks and the opinions, its required decisions (grid, opinion points) evaluated by the engine.
 */
@Deployment(resources = {
        "dmn/facilisoins/facilisoins-admissibility.dmn",
        "dmn/facilisoins/facilisoins-funding.dmn",
        FacilisoinsSelectionTest.FILE })
class FacilisoinsDecisionsInTheEngineTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-tests.camunda.cfg.xml").build();

    @Test
    void everyDecisionIsDeployedUnderItsKeyWithAHistoryTimeToLive() {
        var definitions = engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKeyLike("facilisoins-%").list();

        assertThat(definitions).extracting(DecisionDefinition::getKey).containsExactlyInAnyOrder(
                "facilisoins-admissibility", "facilisoins-funding", "facilisoins-selection",
                "facilisoins-selection-grid", "facilisoins-opinion-points");
        assertThat(definitions).extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(1825);
    }

    @Test
    void theSelectionScoreIsEvaluatedByItsKeyFromTheMarksAndTheOpinions() {
        var variables = new HashMap<String, Object>(FacilisoinsSelectionTest.dossier(
                List.of(4, 3, 5, 2, 4, 3, 3, 4, 5, 2), "FAVORABLE", "RESERVE"));

        var result = engine.getDecisionService().evaluateDecisionByKey("facilisoins-selection").variables(variables).evaluate();

        assertThat(result.getResultList()).containsExactly(Map.of("score", 38, "maxScore", 55));
    }

    @Test
    void theAdmissibilityIsEvaluatedByItsKey() {
        var facts = FacilisoinsAdmissibilityTest.admissibleDossierWith("submittedBeforeDeadline", false);
        facts.put("healthProductShareMethodology", null);

        var result = engine.getDecisionService().evaluateDecisionByKey("facilisoins-admissibility").variables(facts).evaluate();

        assertThat(result.<String>collectEntries("reason")).hasSize(2)
                .satisfiesExactly(late -> assertThat(late).startsWith("Respect du délai de transmission : "),
                        method -> assertThat(method).startsWith("Part des produits de santé : "));
    }

    @Test
    void theFundingIsEvaluatedByItsKey() {
        var result = engine.getDecisionService().evaluateDecisionByKey("facilisoins-funding")
                .variables(Map.of("requestedAmount", 50_001)).evaluate();

        assertThat(result.<Object>getSingleEntry()).isEqualTo(50_000L);
    }
}
