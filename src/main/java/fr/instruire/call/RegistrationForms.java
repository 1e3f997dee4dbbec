package fr.instruire.call;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a call's facts from its registration form (a Camunda Form): every field with a {@code key} is a fact of that
 * name and label — textfield / textarea → text, number → number, checkbox → boolean, select / radio → choice (with its
 * values' labels), datetime → date (or date-time when its subtype is not {@code date}) — and a dynamic list
 * ({@code dynamiclist}, its {@code path}) is a list of records whose fields are its own. The form's validation
 * ({@code required}, {@code min}, {@code max}, {@code minLength}, {@code maxLength}, {@code pattern}, email) is kept
 * for intake.
 */
final class RegistrationForms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistrationForms() {
    }

    static Map<String, FactDefinition> read(InputStream in) throws IOException {
        var facts = new LinkedHashMap<String, FactDefinition>();
        collect(JSON.readTree(in).path("components"), facts);
        return facts;
    }

    private static void collect(JsonNode components, Map<String, FactDefinition> facts) {
        for (var component : components) {
            var type = component.path("type").asText("");
            if ("dynamiclist".equals(type)) {
                var path = component.path("path").asText("");
                var fields = new LinkedHashMap<String, FactDefinition>();
                collect(component.path("components"), fields);
                if (!path.isEmpty()) {
                    facts.put(path, new FactDefinition(path, label(component, path), FactType.RECORDS, Map.of(),
                            List.copyOf(fields.values()), component.path("validate").path("required").asBoolean(false),
                            null, null, null, null, null, false, null));
                }
                continue;
            }
            if (component.has("components")) {
                collect(component.get("components"), facts);
            }
            var key = component.path("key").asText("");
            if (key.isEmpty() || "button".equals(type)) {
                continue;
            }
            var validate = component.path("validate");
            var choices = new LinkedHashMap<String, String>();
            component.path("values").forEach(v -> choices.put(v.path("value").asText(), v.path("label").asText(v.path("value").asText())));
            facts.put(key, new FactDefinition(key, label(component, key),
                    FactType.ofFormField(type, component.path("subtype").asText(null)), choices, List.of(),
                    validate.path("required").asBoolean(false), decimal(validate.get("min")), decimal(validate.get("max")),
                    integer(validate.get("minLength")), integer(validate.get("maxLength")),
                    validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null,
                    "email".equals(validate.path("validationType").asText()), null));
        }
    }

    /** The field's label; a datetime field keeps it under {@code dateLabel}. */
    private static String label(JsonNode component, String key) {
        for (var name : new String[] {"label", "dateLabel"}) {
            if (component.hasNonNull(name) && !component.get(name).asText().isBlank()) {
                return component.get(name).asText();
            }
        }
        return key;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    private static Integer integer(JsonNode node) {
        return node != null && node.canConvertToInt() ? node.intValue() : null;
    }

    static List<String> keys(Map<String, FactDefinition> facts) {
        return new ArrayList<>(facts.keySet());
    }
}
