package fr.instruire.call;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import fr.instruire.system.French;

/**
 * One fact of a call: its key (the name the decision tables and forms use), its label, its type and, for a choice, the
 * label of each value; for a list of records, its fields. The bounds are the registration form's, checked on intake.
 * {@code expression}: a derived fact's FEEL expression over the other facts (none for a stored fact).
 */
public record FactDefinition(String key, String label, FactType type, Map<String, String> choices,
                             List<FactDefinition> fields, boolean required, BigDecimal min, BigDecimal max,
                             Integer minLength, Integer maxLength, String pattern, boolean email, String expression) {

    public FactDefinition {
        choices = choices == null ? Map.of() : choices;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    static FactDefinition simple(String key, String label, FactType type, Map<String, String> choices) {
        return new FactDefinition(key, label, type, choices, List.of(), false, null, null, null, null, null, false, null);
    }

    public boolean derived() {
        return expression != null;
    }

    public FactDefinition field(String name) {
        return fields.stream().filter(f -> f.key().equals(name)).findFirst().orElse(null);
    }

    /** The value in French words, as pages, task views and exports show it. */
    public String words(Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return "non renseigné";
        }
        return switch (type) {
            case BOOLEAN -> Boolean.TRUE.equals(value) ? "Oui" : "Non";
            case CHOICE -> choices.getOrDefault(String.valueOf(value), value + " (code non reconnu)");
            case NUMBER -> value instanceof Number n ? number(n) : String.valueOf(value);
            case AMOUNT -> value instanceof Number n ? French.euros(Math.round(n.doubleValue())) : String.valueOf(value);
            case RECORDS -> value instanceof List<?> rows ? rows.size() + "" : String.valueOf(value);
            default -> String.valueOf(value);
        };
    }

    /** One record's fields in words, by field key. */
    public Map<String, String> recordWords(Map<?, ?> row) {
        return fields.stream().collect(Collectors.toMap(FactDefinition::key, f -> f.words(row.get(f.key())),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static String number(Number n) {
        var format = NumberFormat.getNumberInstance(Locale.FRENCH);
        format.setMaximumFractionDigits(2);
        return format.format(n);
    }
}
