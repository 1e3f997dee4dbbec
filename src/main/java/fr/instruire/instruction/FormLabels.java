package fr.instruire.instruction;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The French label of each fact a call's forms ask for (« Raison sociale » for {@code raisonSociale}), read from the
 * call's deployed forms: the dossier page names a call's facts as its reviewers typed them, without Java per call.
 */
@Component
class FormLabels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, String>> byCall = new ConcurrentHashMap<>();

    String label(String callId, String fact) {
        return byCall.computeIfAbsent(callId, FormLabels::read).getOrDefault(fact, fact);
    }

    private static Map<String, String> read(String callId) {
        var labels = new LinkedHashMap<String, String>();
        try {
            for (var form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/" + callId + "/*.form")) {
                try (var in = form.getInputStream()) {
                    collect(JSON.readTree(in).path("components"), labels);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Formulaires de l'appel " + callId + " illisibles", e);
        }
        return labels;
    }

    private static void collect(JsonNode components, Map<String, String> labels) {
        for (var c : components) {
            if (c.hasNonNull("key") && c.hasNonNull("label")) {
                labels.putIfAbsent(c.get("key").asText(), c.get("label").asText().replaceAll("\\s*\\*$", ""));
            }
            collect(c.path("components"), labels);
        }
    }
}
