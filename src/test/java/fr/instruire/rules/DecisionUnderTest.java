package fr.instruire.rules;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * One decision table of a {@code .dmn} file under {@code dmn/}, evaluated by Camunda's standalone DMN engine.
 * Tests assert on the ids of the rules that matched (stable contract) rather than on their wording, and check
 * at the end that every rule of the table was matched by some test.
 */
public final class DecisionUnderTest {

    public record Evaluation(List<String> matchedRules, DmnDecisionTableResult result) {
    }

    private final DmnEngine engine;
    private final DmnDecision decision;
    private final List<String> ruleIds;
    private final Set<String> matchedSoFar = new LinkedHashSet<>();
    private List<String> lastMatched = List.of();

    private DecisionUnderTest(Path file, String decisionKey) {
        this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .customPostDecisionEvaluationListeners(List.of(this::recordMatchedRules))
                .buildEngine();
        try (InputStream in = new FileInputStream(file.toFile())) {
            this.decision = engine.parseDecision(decisionKey, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        this.ruleIds = ruleIdsOf(file, decisionKey);
    }

    /** @param file path from the project's root, as process owners see it: {@code dmn/<call>/<decision>.dmn} */
    public static DecisionUnderTest load(String file, String decisionKey) {
        var path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " not found: run the tests from the project's root");
        }
        return new DecisionUnderTest(path, decisionKey);
    }

    public Evaluation evaluate(Map<String, Object> variables) {
        lastMatched = List.of();
        var result = engine.evaluateDecisionTable(decision, variables);
        return new Evaluation(lastMatched, result);
    }

    public List<String> ruleIds() {
        return ruleIds;
    }

    public List<String> rulesNeverMatched() {
        var never = new ArrayList<>(ruleIds);
        never.removeAll(matchedSoFar);
        return never;
    }

    private void recordMatchedRules(DmnDecisionEvaluationEvent event) {
        var table = (DmnDecisionTableEvaluationEvent) event.getDecisionResult();
        lastMatched = table.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
        matchedSoFar.addAll(lastMatched);
    }

    private static List<String> ruleIdsOf(Path file, String decisionKey) {
        var model = Dmn.readModelFromFile(file.toFile());
        Decision decision = model.getModelElementById(decisionKey);
        var table = (DecisionTable) decision.getExpression();
        return table.getRules().stream().map(Rule::getId).toList();
    }
}
