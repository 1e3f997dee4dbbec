package fr.instruire.decision;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.springframework.stereotype.Service;

import fr.instruire.campaign.Campaign;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.ApiProblem;

/**
 * « What if this table were deployed? »: the changed table (a DMN file, as Modeler saves it) is parsed by a DMN engine
 * of its own — never deployed — and evaluated, beside the deployed version of the same decision, on the stored
 * and derived facts of each dossier of a campaign, by the same engine (nothing written: no decision history). The dossiers whose result differs are listed with both results.
 */
@Service
public class WhatIf {

    public record Change(String dossierNumber, List<Map<String, Object>> deployed, List<Map<String, Object>> changed) {
    }

    public record Report(String decision, int deployedVersion, int evaluated, List<Change> changes) {
    }

    private static final java.util.function.Supplier<DmnEngine> DMN = new java.util.function.Supplier<>() {
        private volatile DmnEngine built;

        @Override
        public DmnEngine get() {
            if (built == null) {
                built = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
            }
            return built;
        }
    };

    private final ProcessEngine engine;
    private final Dossiers dossiers;
    private final CallFacts facts;

    WhatIf(ProcessEngine engine, Dossiers dossiers, CallFacts facts) {
        this.engine = engine;
        this.dossiers = dossiers;
        this.facts = facts;
    }

    public Report compare(Campaign campaign, byte[] dmn) {
        // a DMN engine of its own (the process engine's parses only within a deployment), same FEEL engine
        var dmnEngine = DMN.get();
        List<DmnDecision> parsed;
        try {
            parsed = dmnEngine.parseDecisions(new ByteArrayInputStream(dmn));
        } catch (RuntimeException e) {
            throw ApiProblem.invalid(List.of(new ApiProblem.FieldError("dmn", "table de décision illisible : " + e.getMessage())));
        }
        var candidate = parsed.stream().filter(DmnDecision::isDecisionTable).findFirst().orElseThrow(() ->
                ApiProblem.invalid(List.of(new ApiProblem.FieldError("dmn", "aucune table de décision dans ce fichier"))));
        var key = candidate.getKey();
        var deployed = engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        if (deployed == null) {
            throw ApiProblem.notFound("Aucune table « " + key + " » déployée : rien à comparer.");
        }
        // the deployed version, parsed by the same engine: evaluating it through the DecisionService would write a
        // history row per dossier for a question nobody decided
        DmnDecision current;
        try (var model = engine.getRepositoryService().getDecisionModel(deployed.getId())) {
            current = dmnEngine.parseDecision(key, model);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Table « " + key + " » déployée illisible", e);
        }
        var changes = new ArrayList<Change>();
        int evaluated = 0;
        for (var dossier : dossiers.list(campaign.key(), null, null, false)) {
            var variables = facts.of(dossier.number());
            var before = rows(dmnEngine.evaluateDecision(current, variables));
            var after = rows(dmnEngine.evaluateDecision(candidate, variables));
            evaluated++;
            if (!before.equals(after)) {
                changes.add(new Change(dossier.number(), before, after));
            }
        }
        return new Report(key, deployed.getVersion(), evaluated, changes);
    }

    private static List<Map<String, Object>> rows(DmnDecisionResult result) {
        return result.getResultList().stream().map(r -> (Map<String, Object>) new LinkedHashMap<>(r)).toList();
    }
}
