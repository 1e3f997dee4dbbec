package fr.instruire.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.system.ApiProblem.FieldError;

/**
 * What a committee sitting decided for one dossier: RETENU, NON_RETENU, or AJOURNE (decided at a later sitting).
 * Read from the form's {@code committeeDecisions} list, whatever way it was stored (Json, String, list).
 */
record CommitteeDecision(String dossierNumber, String decision, String reason) {

    static final Set<String> DECISIONS = Set.of("RETENU", "NON_RETENU", "AJOURNE");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    boolean decided() {
        return !"AJOURNE".equals(decision);
    }

    boolean selected() {
        return "RETENU".equals(decision);
    }

    static List<CommitteeDecision> read(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            String json = value instanceof SpinJsonNode node ? node.toString()
                    : value instanceof String s ? s
                    : JSON.writeValueAsString(value);
            return JSON.readValue(json, new TypeReference<List<CommitteeDecision>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Les décisions du comité sont illisibles : " + e.getOriginalMessage(), e);
        }
    }

    /** What is wrong with a sitting's decisions, in French; empty when they can be recorded. */
    static List<FieldError> check(List<CommitteeDecision> decisions, Set<String> listed, boolean lastSitting) {
        var errors = new ArrayList<FieldError>();
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < decisions.size(); i++) {
            var d = decisions.get(i);
            var field = "committeeDecisions[" + i + "]";
            if (d.dossierNumber() == null || !listed.contains(d.dossierNumber())) {
                errors.add(new FieldError(field + ".dossierNumber", "le dossier « " + d.dossierNumber() + " » n'attend pas de décision du comité"));
            } else if (!seen.add(d.dossierNumber())) {
                errors.add(new FieldError(field + ".dossierNumber", "deux décisions pour le dossier " + d.dossierNumber()));
            }
            if (d.decision() == null || !DECISIONS.contains(d.decision())) {
                errors.add(new FieldError(field + ".decision", "choisir Retenu, Non retenu ou Ajourné"));
            } else if ("NON_RETENU".equals(d.decision()) && (d.reason() == null || d.reason().isBlank())) {
                errors.add(new FieldError(field + ".reason", "motif obligatoire pour un dossier non retenu (il est notifié au candidat)"));
            } else if (lastSitting && "AJOURNE".equals(d.decision())) {
                errors.add(new FieldError(field + ".decision", "la dernière séance statue sur tous les dossiers instruits"));
            }
        }
        if (lastSitting) {
            var decided = decisions.stream().map(CommitteeDecision::dossierNumber).toList();
            listed.stream().filter(n -> !decided.contains(n)).sorted().forEach(n ->
                    errors.add(new FieldError("committeeDecisions", "la dernière séance doit statuer sur le dossier " + n)));
        }
        return errors;
    }
}
