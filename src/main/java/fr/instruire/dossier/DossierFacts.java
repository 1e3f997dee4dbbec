package fr.instruire.dossier;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A dossier's call-specific content, one fact per row, named as the call's decision tables and forms read it
 * (Facilisoins: {@code requestedAmount}, {@code coordinatorIdentified}, {@code raisonSociale}…). Values keep their
 * type: text, whole number, decimal number or yes/no.
 */
@Repository
public class DossierFacts {

    private final JdbcClient jdbc;

    DossierFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets (or replaces) a fact; a null value removes it. */
    public void set(String dossierNumber, String name, Object value) {
        jdbc.sql("DELETE FROM dossier_fact WHERE dossier_number = ? AND name = ?").params(dossierNumber, name).update();
        if (value == null) {
            return;
        }
        var type = value instanceof Boolean ? "BOOLEAN" : isWhole(value) ? "LONG" : value instanceof Number ? "DECIMAL" : "STRING";
        var text = isWhole(value) ? String.valueOf(((Number) value).longValue())
                : value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
        jdbc.sql("INSERT INTO dossier_fact (dossier_number, name, value_type, value_text) VALUES (?, ?, ?, ?)")
                .params(dossierNumber, name, type, text).update();
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

    /** The dossier's facts, typed back: Boolean, Long, Double or String. */
    public Map<String, Object> of(String dossierNumber) {
        var facts = new LinkedHashMap<String, Object>();
        jdbc.sql("SELECT name, value_type, value_text FROM dossier_fact WHERE dossier_number = ? ORDER BY name")
                .param(dossierNumber)
                .query(rs -> {
                    var text = rs.getString(3);
                    facts.put(rs.getString(1), switch (rs.getString(2)) {
                        case "BOOLEAN" -> Boolean.valueOf(text);
                        case "LONG" -> Long.valueOf(text);
                        case "DECIMAL" -> Double.valueOf(text);
                        default -> text;
                    });
                });
        return facts;
    }
}
