package fr.instruire.rules.cvlnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The call's decision files deployed in an in-memory engine and evaluated by key, the call that
 * {@code POST /engine-rest/decision-definition/key/{key}/evaluate} makes (CvlNumeriqueJourneyIT makes it over HTTP).
 */
@Deployment(resources = {
        CvlNumeriqueEligibilityTest.FILE,
        CvlNumeriqueFundingTest.FILE,
        CvlNumeriqueEligibleExpenseTest.FILE,
        CvlNumeriqueScoreTest.FILE })
class CvlNumeriqueDecisionsInTheEngineTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-tests.camunda.cfg.xml").build();

    @Test
    void everyDecisionIsDeployedUnderItsKeyWithAHistoryTimeToLive() {
        var definitions = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKeyLike("cvl-numerique-%").list();

        assertThat(definitions).extracting(DecisionDefinition::getKey).containsExactlyInAnyOrder(
                "cvl-numerique-eligibility", "cvl-numerique-funding", "cvl-numerique-eligible-expense",
                "cvl-numerique-score", "cvl-numerique-score-grid");
        assertThat(definitions).extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(1825);
    }

    @Test
    void theFundingIsEvaluatedByItsKeyWithItsTwoOutputs() {
        var result = engine.getDecisionService().evaluateDecisionByKey("cvl-numerique-funding")
                .variables(CvlNumeriqueFundingTest.selected(100_000L, 81L)).evaluate();

        assertThat(result.getSingleResult().getEntryMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("grantAmount", 81_000L, "rateWithinIndicativeRange", false));
    }

    @Test
    void theEligibilityIsEvaluatedByItsKey() {
        var facts = CvlNumeriqueEligibilityTest.eligibleProjectWith("cptsCount", 0);
        facts.put("submittedBeforeDeadline", false);

        var result = engine.getDecisionService().evaluateDecisionByKey("cvl-numerique-eligibility").variables(facts).evaluate();

        assertThat(result.<String>collectEntries("reason")).hasSize(2);
    }

    @Test
    void theScoreIsEvaluatedByItsKeyItsGridEvaluatedByTheEngine() {
        var variables = new HashMap<String, Object>(CvlNumeriqueScoreTest.markedEverywhere(4));

        var result = engine.getDecisionService().evaluateDecisionByKey("cvl-numerique-score").variables(variables).evaluate();

        assertThat(result.getResultList()).containsExactly(Map.of("score", 52, "maxScore", 65));
    }

    @Test
    void theEligibleExpensesAreEvaluatedByTheirKey() {
        assertThat(engine.getDecisionService().evaluateDecisionByKey("cvl-numerique-eligible-expense")
                .variables(Map.of("expenseCategory", "INGENIERIE_PROJET")).evaluate().getSingleResult()
                .<Boolean>getEntry("underConditions")).isTrue();
    }
}
