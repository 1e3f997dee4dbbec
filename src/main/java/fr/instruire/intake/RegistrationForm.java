package fr.instruire.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.FactDefinition;
import fr.instruire.call.FactType;
import fr.instruire.system.ApiProblem.FieldError;

/**
 * Checks an application's facts against its call's registration form ({@code forms/<callId>/<callId>-enregistrement.form},
 * read into the call's definition, {@link CallDefinition#applicationFacts()}): every required fact present, each of its
 * type and within the form's bounds, none unknown. A dynamic list of the form is a list of records, each record's fields
 * checked the same way. An absent checkbox is {@code false}, as the form would submit it. A fact the call derives
 * (a count of a list) may be sent, and must then agree with what the call computes from the others.
 */
final class RegistrationForm {

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** How many records a list of an application may hold. */
    static final int MAX_RECORDS = 500;

    private RegistrationForm() {
    }

    /** The outcome of checking an application's facts: the typed values to store, or the errors. */
    record Checked(Map<String, Object> values, List<FieldError> errors) {
    }

    /**
     * Checks the facts sent. {@code prefix} names where a fact was sent, for the errors: {@code facts.} for the generic
     * {@code facts} object, nothing for a fact sent beside {@code organisation} and {@code project}.
     */
    static Checked check(CallDefinition call, Map<String, JsonNode> sent, java.util.function.Function<String, String> prefix) {
        return check(call, call.applicationFacts(), call.derivedFacts(), sent, prefix);
    }

    /** A later filing's facts, checked against its form ({@link CallDefinition.Filing}). */
    static Checked check(CallDefinition call, CallDefinition.Filing filing, Map<String, JsonNode> sent,
                         java.util.function.Function<String, String> prefix) {
        return check(call, filing.facts(), List.of(), sent, prefix);
    }

    private static Checked check(CallDefinition call, List<FactDefinition> expectedFacts, List<FactDefinition> derivedFacts,
                                 Map<String, JsonNode> sent, java.util.function.Function<String, String> prefix) {
        var values = new LinkedHashMap<String, Object>();
        var errors = new ArrayList<FieldError>();
        var given = sent == null ? Map.<String, JsonNode>of() : sent;
        var expected = new LinkedHashMap<String, FactDefinition>();
        expectedFacts.forEach(f -> expected.put(f.key(), f));
        var derived = new LinkedHashMap<String, FactDefinition>();
        derivedFacts.forEach(f -> derived.put(f.key(), f));
        given.keySet().stream().filter(name -> !expected.containsKey(name) && !derived.containsKey(name)).sorted()
                .forEach(name -> errors.add(new FieldError(prefix.apply(name) + name, "fait inconnu pour cet appel")));
        for (var fact : expected.values()) {
            check(fact, given.get(fact.key()), prefix.apply(fact.key()) + fact.key(), values, errors);
        }
        if (errors.isEmpty()) {
            var computed = derived.isEmpty() ? Map.<String, Object>of() : derive(call, values);
            for (var fact : derived.values()) {
                var node = given.get(fact.key());
                if (node != null && !node.isNull() && !agrees(node, computed.get(fact.key()))) {
                    errors.add(new FieldError(prefix.apply(fact.key()) + fact.key(), "doit être égal à ce que l'appel en calcule ("
                            + computed.get(fact.key()) + ", " + fact.label() + ")"));
                }
            }
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return new Checked(values, List.copyOf(errors));
    }

    private static Map<String, Object> derive(CallDefinition call, Map<String, Object> values) {
        var all = new LinkedHashMap<String, Object>(values);
        for (var fact : call.derivedFacts()) {
            all.put(fact.key(), fr.instruire.call.CallDefinitions.derive(call, fact, all));
        }
        return all;
    }

    private static boolean agrees(JsonNode node, Object computed) {
        if (computed instanceof Number n) {
            return node.isNumber() && node.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
        }
        if (computed instanceof Boolean b) {
            return node.isBoolean() && node.booleanValue() == b;
        }
        return computed != null && node.isTextual() && node.asText().equals(computed.toString());
    }

    private static void check(FactDefinition fact, JsonNode node, String field, Map<String, Object> values, List<FieldError> errors) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (fact.type() == FactType.BOOLEAN) {
                values.put(fact.key(), false);
            } else if (fact.required() || fact.type() == FactType.RECORDS) {
                errors.add(new FieldError(field, fact.type() == FactType.RECORDS ? "au moins un enregistrement" : "obligatoire"));
            }
            return;
        }
        if (fact.type() == FactType.RECORDS) {
            if (!node.isArray() || node.isEmpty()) {
                errors.add(new FieldError(field, "liste d'au moins un enregistrement attendue"));
                return;
            }
            if (node.size() > MAX_RECORDS) {
                errors.add(new FieldError(field, MAX_RECORDS + " enregistrements au plus"));
                return;
            }
            var rows = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < node.size(); i++) {
                var item = node.get(i);
                var at = field + "[" + i + "]";
                if (!item.isObject()) {
                    errors.add(new FieldError(at, "objet attendu"));
                    continue;
                }
                var row = new LinkedHashMap<String, Object>();
                var names = new ArrayList<String>();
                item.fieldNames().forEachRemaining(names::add);
                names.stream().filter(n -> fact.field(n) == null).sorted()
                        .forEach(n -> errors.add(new FieldError(at + "." + n, "champ inconnu ; attendu : "
                                + String.join(", ", fact.fields().stream().map(FactDefinition::key).toList()))));
                for (var f : fact.fields()) {
                    check(f, item.get(f.key()), at + "." + f.key(), row, errors);
                }
                rows.add(row);
            }
            values.put(fact.key(), rows);
            return;
        }
        typed(fact, node).ifPresentOrElse(
                value -> problem(fact, value).ifPresentOrElse(m -> errors.add(new FieldError(field, m)), () -> values.put(fact.key(), value)),
                () -> errors.add(new FieldError(field, expectedType(fact))));
    }

    private static Optional<Object> typed(FactDefinition fact, JsonNode node) {
        return switch (fact.type()) {
            case TEXT, CHOICE -> node.isTextual() ? Optional.of(node.asText().strip()) : Optional.empty();
            case NUMBER, AMOUNT -> node.isNumber() ? Optional.of(node.isIntegralNumber() ? (Object) node.longValue() : node.decimalValue()) : Optional.empty();
            case BOOLEAN -> node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
            case DATE -> node.isTextual() && parses(node.asText(), FactType.DATE) ? Optional.of(node.asText()) : Optional.empty();
            case DATETIME -> node.isTextual() && parses(node.asText(), FactType.DATETIME) ? Optional.of(node.asText()) : Optional.empty();
            case RECORDS -> Optional.empty();
        };
    }

    private static boolean parses(String text, FactType type) {
        try {
            if (type == FactType.DATE) {
                LocalDate.parse(text);
            } else {
                try {
                    OffsetDateTime.parse(text);
                } catch (DateTimeParseException notOffset) {
                    LocalDateTime.parse(text);
                }
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String expectedType(FactDefinition fact) {
        return switch (fact.type()) {
            case TEXT -> "texte attendu";
            case NUMBER, AMOUNT -> "nombre attendu";
            case BOOLEAN -> "booléen attendu (true ou false)";
            case CHOICE -> "valeur attendue parmi : " + String.join(", ", fact.choices().keySet());
            case DATE -> "date ISO attendue (AAAA-MM-JJ)";
            case DATETIME -> "date et heure ISO attendues (AAAA-MM-JJThh:mm)";
            case RECORDS -> "liste attendue";
        };
    }

    private static Optional<String> problem(FactDefinition fact, Object value) {
        if (fact.type() == FactType.CHOICE && !fact.choices().containsKey((String) value)) {
            return Optional.of("valeur « " + value + " » non permise ; attendu l'une de : " + String.join(", ", fact.choices().keySet()));
        }
        if (value instanceof String text) {
            if (fact.maxLength() != null && text.length() > fact.maxLength()) {
                return Optional.of(fact.maxLength() + " caractères au plus");
            }
            if (fact.minLength() != null && text.length() < fact.minLength()) {
                return Optional.of(fact.minLength() + " caractères au moins");
            }
            if (fact.email() && !EMAIL.matcher(text).matches()) {
                return Optional.of("adresse e-mail invalide");
            }
            if (fact.pattern() != null && !matches(fact.pattern(), text)) {
                return Optional.of("format invalide (" + fact.label() + ")");
            }
        }
        if (value instanceof Number number) {
            var decimal = new BigDecimal(number.toString());
            if (fact.min() != null && decimal.compareTo(fact.min()) < 0) {
                return Optional.of("au moins " + fact.min().toPlainString());
            }
            if (fact.max() != null && decimal.compareTo(fact.max()) > 0) {
                return Optional.of(fact.max().toPlainString() + " au plus");
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String text) {
        try {
            return text.matches(pattern);
        } catch (PatternSyntaxException e) {
            return true;
        }
    }
}
