package fr.instruire.submission;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a Camunda Form (schemaVersion ≤ 16, form-js 1.8) lets its user write, read from its JSON: each
 * component with a {@code key} (or a dynamic list's {@code path}), its kind, the values a choice allows, its bounds,
 * whether it is read-only or required. {@link #violations} says, in French, what in a submission the form does not
 * ask for. A field shown read-only may be sent back only unchanged; a dynamic list that cannot add or remove rows
 * keeps its rows, and in each row what is read-only — or is not a field of the row — stays as the server prepared it.
 */
final class FormContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A form without fields: a task without a form may be completed, with nothing written. */
    static final FormContract NONE = new FormContract("", Map.of());

    enum Kind { TEXT, NUMBER, BOOLEAN, CHOICE, CHOICES, DATE, LIST }

    record Field(String key, String label, Kind kind, Set<String> values, String valuesKey, boolean readonly,
                 boolean required, Double min, Double max, Integer maxLength, boolean numberAsText, boolean whole,
                 boolean allowAddRemove, Map<String, Field> row) {
    }

    private final String formId;
    private final Map<String, Field> fields;

    private FormContract(String formId, Map<String, Field> fields) {
        this.formId = formId;
        this.fields = fields;
    }

    static FormContract read(InputStream form) {
        try {
            var root = JSON.readTree(form);
            var fields = new LinkedHashMap<String, Field>();
            collect(root.path("components"), fields);
            return new FormContract(root.path("id").asText(""), fields);
        } catch (IOException e) {
            throw new IllegalStateException("Formulaire illisible : " + e.getMessage(), e);
        }
    }

    String formId() {
        return formId;
    }

    Set<String> keys() {
        return fields.keySet();
    }

    /** The fields of the rows of the dynamic list at {@code path}, in the form's order; empty when it has none. */
    Map<String, Field> rows(String path) {
        var list = fields.get(path);
        if (list == null || list.kind() != Kind.LIST) {
            return Map.of();
        }
        return list.row();
    }

    private static void collect(JsonNode components, Map<String, Field> into) {
        for (var c : components) {
            var type = c.path("type").asText();
            if ("group".equals(type)) {
                // a group only lays fields out (Instruire's forms give groups no path: their fields stay top-level)
                collect(c.path("components"), into);
                continue;
            }
            var field = field(c, type);
            if (field != null) {
                into.put(field.key(), field);
            }
        }
    }

    private static Field field(JsonNode c, String type) {
        Kind kind = switch (type) {
            case "textfield", "textarea" -> Kind.TEXT;
            case "number" -> Kind.NUMBER;
            case "checkbox" -> Kind.BOOLEAN;
            case "radio", "select" -> Kind.CHOICE;
            case "checklist", "taglist" -> Kind.CHOICES;
            case "datetime" -> Kind.DATE;
            case "dynamiclist" -> Kind.LIST;
            default -> null;
        };
        var key = kind == Kind.LIST ? c.path("path").asText(null) : c.path("key").asText(null);
        if (kind == null || key == null || key.isBlank()) {
            return null;
        }
        var values = new LinkedHashSet<String>();
        c.path("values").forEach(v -> values.add(v.path("value").asText()));
        var validate = c.path("validate");
        var row = new LinkedHashMap<String, Field>();
        if (kind == Kind.LIST) {
            collect(c.path("components"), row);
        }
        return new Field(key, c.path("label").asText(key), kind, Set.copyOf(values), c.path("valuesKey").asText(null),
                c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false),
                validate.path("required").asBoolean(false) && !c.has("conditional"),
                validate.has("min") ? validate.path("min").asDouble() : null,
                validate.has("max") ? validate.path("max").asDouble() : null,
                validate.has("maxLength") ? validate.path("maxLength").asInt() : null,
                c.path("serializeToString").asBoolean(false),
                c.has("decimalDigits") && c.path("decimalDigits").asInt(-1) == 0,
                c.path("allowAddRemove").asBoolean(true) || !"dynamiclist".equals(type),
                Collections.unmodifiableMap(row));
    }

    /**
     * What the form does not allow in a submission, in French: an empty list when it may be written.
     *
     * @param submitted the submission's variables, read as JSON ({@link SubmittedValue})
     * @param removals  the variables the submission would remove
     * @param current   the value the task sees now for a name, as JSON (for read-only fields and prepared lists)
     * @param completing whether the submission completes the task: then the required fields must be there
     */
    List<String> violations(Map<String, JsonNode> submitted, Collection<String> removals, Function<String, JsonNode> current,
                            boolean completing) {
        var errors = new ArrayList<String>();
        for (var entry : submitted.entrySet()) {
            var field = fields.get(entry.getKey());
            if (field == null) {
                errors.add("« " + entry.getKey() + " » n'est pas un champ du formulaire de cette tâche");
            } else {
                check(field, entry.getValue(), current.apply(field.key()), field.label(), errors, current);
            }
        }
        for (var name : removals) {
            var field = fields.get(name);
            if (field == null || field.readonly()) {
                errors.add("« " + name + " » ne peut pas être supprimé depuis cette tâche");
            }
        }
        if (completing) {
            fields.values().stream().filter(f -> f.required() && !f.readonly())
                    .filter(f -> isEmpty(submitted.get(f.key())) && isEmpty(current.apply(f.key())))
                    .forEach(f -> errors.add("« " + f.label() + " » est obligatoire"));
        }
        return errors;
    }

    private static void check(Field field, JsonNode value, JsonNode current, String where, List<String> errors,
                              Function<String, JsonNode> scope) {
        if (field.readonly()) {
            if (!same(value, current)) {
                errors.add("« " + where + " » est en lecture seule : sa valeur ne peut pas être modifiée");
            }
            return;
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        switch (field.kind()) {
            case TEXT -> {
                if (!value.isTextual()) {
                    errors.add("« " + where + " » attend un texte");
                } else if (field.maxLength() != null && value.asText().length() > field.maxLength()) {
                    errors.add("« " + where + " » : " + field.maxLength() + " caractères au plus");
                }
            }
            case NUMBER -> {
                Double number = value.isNumber() ? Double.valueOf(value.asDouble())
                        : field.numberAsText() && value.isTextual() ? parse(value.asText()) : null;
                if (number == null || number.isNaN() || number.isInfinite()) {
                    errors.add("« " + where + " » attend un nombre");
                } else if (field.whole() && number != Math.rint(number)) {
                    errors.add("« " + where + " » attend un nombre entier");
                } else if (field.min() != null && number < field.min() || field.max() != null && number > field.max()) {
                    errors.add("« " + where + " » doit être compris entre " + bound(field.min()) + " et " + bound(field.max()));
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    errors.add("« " + where + " » attend oui ou non (true / false)");
                }
            }
            case CHOICE -> {
                if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                    errors.add("« " + where + " » attend l'une des valeurs proposées");
                } else if (!value.asText().isEmpty() && !allowed(field, scope).contains(value.asText())) {
                    errors.add("« " + where + " » : « " + value.asText() + " » n'est pas une valeur proposée");
                }
            }
            case CHOICES -> {
                var allowed = allowed(field, scope);
                if (!value.isArray()) {
                    errors.add("« " + where + " » attend une liste de valeurs proposées");
                } else {
                    value.forEach(v -> {
                        if (!v.isValueNode() || !allowed.contains(v.asText())) {
                            errors.add("« " + where + " » : « " + v.asText() + " » n'est pas une valeur proposée");
                        }
                    });
                }
            }
            case DATE -> {
                if (!value.isTextual() || !isDate(value.asText())) {
                    errors.add("« " + where + " » attend une date (AAAA-MM-JJ) ou une date et une heure ISO 8601");
                }
            }
            case LIST -> checkRows(field, value, current, where, errors, scope);
        }
    }

    private static void checkRows(Field field, JsonNode value, JsonNode current, String where, List<String> errors,
                                  Function<String, JsonNode> scope) {
        if (!value.isArray()) {
            errors.add("« " + where + " » attend une liste");
            return;
        }
        var prepared = current != null && current.isArray() ? current : JSON.createArrayNode();
        if (!field.allowAddRemove() && value.size() != prepared.size()) {
            errors.add("« " + where + " » : la liste compte " + prepared.size() + " lignes préparées par le serveur, "
                    + value.size() + " reçues (rechargez la tâche)");
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            var row = value.get(i);
            var preparedRow = i < prepared.size() ? prepared.get(i) : null;
            if (!row.isObject()) {
                errors.add("« " + where + " », ligne " + (i + 1) + " : une ligne attend des champs");
                continue;
            }
            var names = row.fieldNames();
            while (names.hasNext()) {
                var name = names.next();
                var child = field.row().get(name);
                var rowWhere = where + " », ligne " + (i + 1) + ", « " + (child == null ? name : child.label());
                var preparedValue = preparedRow == null ? null : preparedRow.get(name);
                if (child == null) {
                    // what the server prepared in a row and the form does not show may come back, unchanged
                    if (!same(row.get(name), preparedValue)) {
                        errors.add("« " + rowWhere + " » n'est pas un champ du formulaire de cette tâche");
                    }
                } else {
                    check(child, row.get(name), preparedValue, rowWhere, errors, scope);
                }
            }
            for (var child : field.row().values()) {
                if (child.required() && !child.readonly() && isEmpty(row.get(child.key()))) {
                    errors.add("« " + where + " », ligne " + (i + 1) + " : « " + child.label() + " » est obligatoire");
                }
            }
        }
    }

    private static Set<String> allowed(Field field, Function<String, JsonNode> scope) {
        if (field.valuesKey() == null) {
            return field.values();
        }
        var values = new LinkedHashSet<String>();
        var options = scope.apply(field.valuesKey());
        if (options != null) {
            options.forEach(o -> values.add(o.isObject() ? o.path("value").asText() : o.asText()));
        }
        return values;
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || value.isTextual() && value.asText().isBlank() || value.isArray() && value.isEmpty();
    }

    /** Two values are the same when they say the same: numbers by value, a missing value as null. */
    static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isNull() || a.isMissingNode();
        boolean bEmpty = b == null || b.isNull() || b.isMissingNode();
        if (aEmpty || bEmpty) {
            return aEmpty && bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            var names = new LinkedHashSet<String>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            return names.stream().allMatch(n -> same(a.get(n), b.get(n)));
        }
        return a.equals(b);
    }

    private static Double parse(String text) {
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String bound(Double bound) {
        return bound == null ? "…" : bound == Math.rint(bound) ? String.valueOf(bound.longValue()) : bound.toString();
    }

    private static boolean isDate(String text) {
        for (Function<String, ?> parser : List.<Function<String, ?>>of(LocalDate::parse, LocalDateTime::parse,
                OffsetDateTime::parse, LocalTime::parse)) {
            try {
                parser.apply(text);
                return true;
            } catch (DateTimeParseException e) {
                // try the next shape
            }
        }
        return text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{4}");
    }
}
