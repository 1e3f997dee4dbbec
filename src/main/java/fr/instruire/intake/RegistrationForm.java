package fr.instruire.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.PatternSyntaxException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.system.ApiProblem.FieldError;

/**
 * The facts a call's application carries, read from the call's registration form — DATA, not Java: the Camunda form
 * {@code forms/<callId>/<callId>-enregistrement.form} on the classpath (the same file the engine deploys and the
 * national secretariat fills in for a mail application). Every form field with a {@code key} is a fact of that name:
 * textfield / textarea → text, number → number, checkbox → boolean, select / radio → one of its values, datetime →
 * ISO date (or date-time when its subtype is not {@code date}); {@code validate.required}, {@code min}, {@code max},
 * {@code minLength}, {@code maxLength}, {@code pattern} and {@code validationType: email} are checked as the form
 * would. A call without such a form has no generic intake (its applications keep their own shape).
 */
@Component
class RegistrationForm {

    enum Kind { TEXT, NUMBER, BOOLEAN, CHOICE, DATE, DATETIME }

    /** One fact the call expects. */
    record Fact(String name, Kind kind, boolean required, List<String> options, BigDecimal min, BigDecimal max,
                Integer minLength, Integer maxLength, String pattern, boolean email) {
    }

    /** A call's expected facts, in the form's order. */
    record Facts(String formId, Map<String, Fact> byName) {
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ObjectMapper json;
    private final Map<String, Optional<Facts>> cache = new ConcurrentHashMap<>();

    RegistrationForm(ObjectMapper json) {
        this.json = json;
    }

    /** The facts of the call's registration form, if the call has one. */
    Optional<Facts> of(String callId) {
        return cache.computeIfAbsent(callId, this::load);
    }

    private Optional<Facts> load(String callId) {
        if (!callId.matches("[a-z0-9-]{1,60}")) {
            return Optional.empty();
        }
        var resource = new ClassPathResource("forms/" + callId + "/" + callId + "-enregistrement.form");
        if (!resource.exists()) {
            return Optional.empty();
        }
        try (var in = resource.getInputStream()) {
            var form = json.readTree(in);
            var facts = new LinkedHashMap<String, Fact>();
            collect(form.path("components"), facts);
            return Optional.of(new Facts(form.path("id").asText(callId + "-enregistrement"), Map.copyOf(facts)));
        } catch (IOException e) {
            throw new UncheckedIOException("Formulaire d'enregistrement illisible pour l'appel " + callId, e);
        }
    }

    private static void collect(JsonNode components, Map<String, Fact> facts) {
        for (var component : components) {
            if (component.has("components")) {
                collect(component.get("components"), facts);
            }
            var key = component.path("key").asText("");
            if (key.isEmpty()) {
                continue;
            }
            var type = component.path("type").asText("");
            var validate = component.path("validate");
            var kind = switch (type) {
                case "number" -> Kind.NUMBER;
                case "checkbox" -> Kind.BOOLEAN;
                case "select", "radio" -> Kind.CHOICE;
                case "datetime" -> "date".equals(component.path("subtype").asText("date")) ? Kind.DATE : Kind.DATETIME;
                default -> Kind.TEXT;
            };
            var options = new ArrayList<String>();
            component.path("values").forEach(v -> options.add(v.path("value").asText()));
            facts.put(key, new Fact(key, kind, validate.path("required").asBoolean(false), List.copyOf(options),
                    decimal(validate.get("min")), decimal(validate.get("max")), integer(validate.get("minLength")),
                    integer(validate.get("maxLength")), validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null,
                    "email".equals(validate.path("validationType").asText())));
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    private static Integer integer(JsonNode node) {
        return node != null && node.canConvertToInt() ? node.intValue() : null;
    }

    /** The outcome of checking an application's facts: the typed values to store, or the errors (field {@code facts.<name>}). */
    record Checked(Map<String, Object> values, List<FieldError> errors) {
    }

    /** Checks the facts sent against the form: every required one present, each of its type and within its bounds, none unknown. */
    static Checked check(Facts expected, Map<String, JsonNode> sent) {
        var values = new LinkedHashMap<String, Object>();
        var errors = new ArrayList<FieldError>();
        var given = sent == null ? Map.<String, JsonNode>of() : sent;
        given.keySet().stream().filter(name -> !expected.byName().containsKey(name)).sorted()
                .forEach(name -> errors.add(new FieldError("facts." + name, "fait inconnu pour cet appel")));
        for (var fact : expected.byName().values()) {
            var node = given.get(fact.name());
            var field = "facts." + fact.name();
            if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
                if (fact.required()) {
                    errors.add(new FieldError(field, "obligatoire"));
                }
                continue;
            }
            typed(fact, node).ifPresentOrElse(
                    value -> problem(fact, value).ifPresentOrElse(m -> errors.add(new FieldError(field, m)), () -> values.put(fact.name(), value)),
                    () -> errors.add(new FieldError(field, expectedType(fact))));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return new Checked(values, List.copyOf(errors));
    }

    private static Optional<Object> typed(Fact fact, JsonNode node) {
        return switch (fact.kind()) {
            case TEXT, CHOICE -> node.isTextual() ? Optional.of(node.asText().strip()) : Optional.empty();
            case NUMBER -> node.isNumber() ? Optional.of(node.isIntegralNumber() ? (Object) node.longValue() : node.decimalValue()) : Optional.empty();
            case BOOLEAN -> node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
            case DATE -> node.isTextual() && parses(node.asText(), Kind.DATE) ? Optional.of(node.asText()) : Optional.empty();
            case DATETIME -> node.isTextual() && parses(node.asText(), Kind.DATETIME) ? Optional.of(node.asText()) : Optional.empty();
        };
    }

    private static boolean parses(String text, Kind kind) {
        try {
            if (kind == Kind.DATE) {
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

    private static String expectedType(Fact fact) {
        return switch (fact.kind()) {
            case TEXT -> "texte attendu";
            case NUMBER -> "nombre attendu";
            case BOOLEAN -> "booléen attendu (true ou false)";
            case CHOICE -> "valeur attendue parmi : " + String.join(", ", fact.options());
            case DATE -> "date ISO attendue (AAAA-MM-JJ)";
            case DATETIME -> "date et heure ISO attendues (AAAA-MM-JJThh:mm)";
        };
    }

    private static Optional<String> problem(Fact fact, Object value) {
        if (fact.kind() == Kind.CHOICE && !fact.options().contains((String) value)) {
            return Optional.of("valeur « " + value + " » non permise ; attendu l'une de : " + String.join(", ", fact.options()));
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
                return Optional.of("format invalide");
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
