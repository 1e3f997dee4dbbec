package fr.instruire.campaign;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.submission.FormRows;
import fr.instruire.system.ApiProblem.FieldError;

/**
 * What a committee sitting decided for one dossier: RETENU, NON_RETENU, or AJOURNE (decided at a later sitting), with
 * its reason — and whatever other field the step's form gives each row ({@code fields}: a rate, an amount…), which
 * becomes a fact of the dossier when the decision reaches it ({@link #facts}). Read from the form's
 * {@code committeeDecisions} list, whatever way it was stored (Json, String, list).
 */
record CommitteeDecision(String dossierNumber, String decision, String reason, Map<String, JsonNode> fields) {

    static final String COMMITTEE_DECISIONS = "committeeDecisions";
    static final Set<String> DECISIONS = Set.of("RETENU", "NON_RETENU", "AJOURNE");
    /** The row's own fields: every other field of the form's row is a fact of the dossier. */
    static final Set<String> OWN_FIELDS = Set.of("dossierNumber", "decision", "reason");
    private static final ObjectMapper JSON = new ObjectMapper();

    CommitteeDecision {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A decision with no other field (a sitting's form without extra fields). */
    CommitteeDecision(String dossierNumber, String decision, String reason) {
        this(dossierNumber, decision, reason, Map.of());
    }

    boolean decided() {
        return !"AJOURNE".equals(decision);
    }

    boolean selected() {
        return "RETENU".equals(decision);
    }

    /** Each row of the decisions list as JSON text, in the list's order (the rows {@link #read} reads). */
    static List<String> rowsAsJson(Object value) {
        try {
            var rows = JSON.readTree(value instanceof SpinJsonNode node ? node.toString()
                    : value instanceof String s ? s : JSON.writeValueAsString(value));
            var texts = new ArrayList<String>();
            if (rows != null && rows.isArray()) {
                for (var row : rows) {
                    texts.add(JSON.writeValueAsString(row));
                }
            }
            return texts;
        } catch (IOException e) {
            throw new IllegalArgumentException("Les décisions du comité sont illisibles : " + e.getMessage(), e);
        }
    }

    static List<CommitteeDecision> read(Object value) {
        if (value == null) {
            return List.of();
        }
        JsonNode rows;
        try {
            rows = JSON.readTree(value instanceof SpinJsonNode node ? node.toString()
                    : value instanceof String s ? s
                    : JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("Les décisions du comité sont illisibles : " + e.getMessage(), e);
        }
        if (rows == null || rows.isNull()) {
            return List.of();
        }
        if (!rows.isArray()) {
            throw new IllegalArgumentException("Les décisions du comité sont illisibles : une liste de décisions est attendue.");
        }
        var decisions = new ArrayList<CommitteeDecision>();
        for (var row : rows) {
            if (!row.isObject()) {
                throw new IllegalArgumentException("Les décisions du comité sont illisibles : chaque décision est une ligne de champs.");
            }
            var fields = new LinkedHashMap<String, JsonNode>();
            for (var e : row.properties()) {
                if (!OWN_FIELDS.contains(e.getKey())) {
                    fields.put(e.getKey(), e.getValue());
                }
            }
            decisions.add(new CommitteeDecision(text(row, "dossierNumber"), text(row, "decision"), text(row, "reason"), fields));
        }
        return decisions;
    }

    private static String text(JsonNode row, String name) {
        var value = row.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("Les décisions du comité sont illisibles : « " + name + " » attend un texte.");
        }
        return value.asText();
    }

    /**
     * The fields of the step's form that become the dossier's facts: the decisions list's row fields other than the
     * dossier, the decision and the reason, and that the committee writes (not read-only).
     */
    static List<FormRows.RowField> factFields(List<FormRows.RowField> rowFields) {
        return rowFields.stream().filter(f -> !OWN_FIELDS.contains(f.key()) && !f.readonly()).toList();
    }

    /**
     * This decision's facts, by field key, typed as the form's field: a number, a text (text field, choice, date), yes
     * or no. An empty field gives no fact. Throws {@link IllegalArgumentException}, in French, for a value of the
     * wrong type or a field that cannot be a fact (a list).
     */
    Map<String, Object> facts(List<FormRows.RowField> factFields) {
        var facts = new LinkedHashMap<String, Object>();
        for (var field : factFields) {
            var value = fields.get(field.key());
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                continue;
            }
            facts.put(field.key(), switch (field.kind()) {
                case NUMBER -> number(field, value);
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw wrong(field, "attend oui ou non");
                    }
                    yield value.booleanValue();
                }
                case TEXT, CHOICE, DATE -> {
                    if (!value.isValueNode()) {
                        throw wrong(field, "attend un texte");
                    }
                    yield value.asText();
                }
                case CHOICES, LIST -> throw wrong(field, "est une liste : elle ne peut pas devenir un fait du dossier "
                        + "(utilisez un champ simple dans la liste des décisions du formulaire)");
            });
        }
        return facts;
    }

    private BigDecimal number(FormRows.RowField field, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw wrong(field, "attend un nombre");
    }

    private IllegalArgumentException wrong(FormRows.RowField field, String problem) {
        return new IllegalArgumentException("dossier " + dossierNumber + " : « " + field.label() + " » " + problem);
    }

    /**
     * What is wrong with a sitting's decisions, in French; empty when they can be recorded. {@code factFields}: the
     * step's form's other row fields ({@link #factFields}), each checked as its dossier will record it.
     */
    static List<FieldError> check(List<CommitteeDecision> decisions, Set<String> listed, boolean lastSitting,
                                  List<FormRows.RowField> factFields) {
        var errors = new ArrayList<FieldError>();
        var seen = new HashSet<String>();
        for (int i = 0; i < decisions.size(); i++) {
            var d = decisions.get(i);
            var field = COMMITTEE_DECISIONS + "[" + i + "]";
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
            try {
                d.facts(factFields);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        if (lastSitting) {
            var decided = decisions.stream().map(CommitteeDecision::dossierNumber).toList();
            listed.stream().filter(n -> !decided.contains(n)).sorted().forEach(n ->
                    errors.add(new FieldError(COMMITTEE_DECISIONS, "la dernière séance doit statuer sur le dossier " + n)));
        }
        return errors;
    }
}
