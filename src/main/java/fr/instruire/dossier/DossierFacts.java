package fr.instruire.dossier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A dossier's call-specific content, one fact per row, named as the call's decision tables and forms read it
 * ({@code publicType}, {@code requestedAmount}…).
 * Values keep their type: text, whole number, decimal number or yes/no; a list of records (a list of maps, such as the
 * establishments of a dossier) keeps its rows in {@code dossier_fact_record}, each field typed the same way.
 */
@Repository
public class DossierFacts {

    private static final String RECORDS = "RECORDS";

    private final JdbcClient jdbc;

    DossierFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets (or replaces) a fact; a null value removes it. A list of maps is a list of records. */
    public void set(String dossierNumber, String name, Object value) {
        jdbc.sql("DELETE FROM dossier_fact WHERE dossier_number = ? AND name = ?").params(dossierNumber, name).update();
        jdbc.sql("DELETE FROM dossier_fact_record WHERE dossier_number = ? AND fact = ?").params(dossierNumber, name).update();
        if (value == null) {
            return;
        }
        if (value instanceof List<?> rows) {
            jdbc.sql("INSERT INTO dossier_fact (dossier_number, name, value_type, value_text) VALUES (?, ?, ?, ?)")
                    .params(dossierNumber, name, RECORDS, String.valueOf(rows.size())).update();
            int seq = 0;
            for (var row : rows) {
                if (!(row instanceof Map<?, ?> fields)) {
                    throw new IllegalArgumentException("Fait « " + name + " » : liste d'enregistrements attendue, reçu " + row);
                }
                seq++;
                for (var field : fields.entrySet()) {
                    if (field.getValue() != null) {
                        jdbc.sql("""
                                INSERT INTO dossier_fact_record (dossier_number, fact, seq, field, value_type, value_text)
                                VALUES (?, ?, ?, ?, ?, ?)""")
                                .params(dossierNumber, name, seq, String.valueOf(field.getKey()), type(field.getValue()),
                                        text(field.getValue())).update();
                    }
                }
            }
            return;
        }
        jdbc.sql("INSERT INTO dossier_fact (dossier_number, name, value_type, value_text) VALUES (?, ?, ?, ?)")
                .params(dossierNumber, name, type(value), text(value)).update();
    }

    private static String type(Object value) {
        return value instanceof Boolean ? "BOOLEAN" : isWhole(value) ? "LONG" : value instanceof Number ? "DECIMAL" : "STRING";
    }

    private static String text(Object value) {
        return isWhole(value) ? String.valueOf(((Number) value).longValue())
                : value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    /** A whole number is stored as one, whatever its Java type (a form's number field gives a Double for 12). */
    private static boolean isWhole(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return true;
        }
        if (value instanceof Number n && !(n instanceof BigDecimal)) {
            double d = n.doubleValue();
            return !Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15;
        }
        return value instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0;
    }

    public void setAll(String dossierNumber, Map<String, ?> facts) {
        facts.forEach((name, value) -> set(dossierNumber, name, value));
    }

    /** The dossier's facts, typed back: Boolean, Long, Double or String; a list of records as a list of maps. */
    public Map<String, Object> of(String dossierNumber) {
        var facts = new LinkedHashMap<String, Object>();
        var lists = new ArrayList<String>();
        jdbc.sql("SELECT name, value_type, value_text FROM dossier_fact WHERE dossier_number = ? ORDER BY name")
                .param(dossierNumber)
                .query(rs -> {
                    if (RECORDS.equals(rs.getString(2))) {
                        lists.add(rs.getString(1));
                        facts.put(rs.getString(1), new ArrayList<Map<String, Object>>());
                    } else {
                        facts.put(rs.getString(1), typed(rs.getString(2), rs.getString(3)));
                    }
                });
        if (!lists.isEmpty()) {
            var rows = new LinkedHashMap<String, TreeMap<Integer, Map<String, Object>>>();
            jdbc.sql("""
                    SELECT fact, seq, field, value_type, value_text FROM dossier_fact_record WHERE dossier_number = ?
                    ORDER BY fact, seq""")
                    .param(dossierNumber)
                    .query(rs -> {
                        rows.computeIfAbsent(rs.getString(1), f -> new TreeMap<>())
                                .computeIfAbsent(rs.getInt(2), s -> new LinkedHashMap<>())
                                .put(rs.getString(3), typed(rs.getString(4), rs.getString(5)));
                    });
            for (var list : lists) {
                facts.put(list, new ArrayList<>(rows.getOrDefault(list, new TreeMap<>()).values()));
            }
        }
        return facts;
    }

    private static Object typed(String type, String text) {
        return switch (type) {
            case "BOOLEAN" -> Boolean.valueOf(text);
            case "LONG" -> Long.valueOf(text);
            case "DECIMAL" -> Double.valueOf(text);
            default -> text;
        };
    }
}
