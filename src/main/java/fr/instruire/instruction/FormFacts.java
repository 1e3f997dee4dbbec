package fr.instruire.instruction;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.dossier.Dossiers.CoreField;

/**
 * What a reviewer typed in a form, kept as the dossier's facts (the decision tables and the pages read them), with
 * the core columns some facts feed (the organisation's name, the contact the mails go to). Which variables, which are
 * required and which feed a column is the model's: task inputs {@code facts} ({@code raisonSociale*,agrement}: a
 * {@code *} marks a required one) and {@code coreFields} ({@code organisationName=raisonSociale,contactEmail=contactEmail}).
 */
@Service
class FormFacts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DossierFacts facts;
    private final Dossiers dossiers;
    private final Campaigns campaigns;

    FormFacts(DossierFacts facts, Dossiers dossiers, Campaigns campaigns) {
        this.facts = facts;
        this.dossiers = dossiers;
        this.campaigns = campaigns;
    }

    /** The {@code facts} input read: names in order, and those marked required with a trailing {@code *}. */
    record Spec(List<String> names, Set<String> required) {

        static Spec parse(String input) {
            if (input == null || input.isBlank()) {
                throw new IllegalArgumentException("Entrée « facts » vide : le modèle doit nommer les variables à enregistrer.");
            }
            var names = new LinkedHashSet<String>();
            var required = new LinkedHashSet<String>();
            for (var part : input.split(",")) {
                var name = part.strip();
                boolean isRequired = name.endsWith("*");
                name = isRequired ? name.substring(0, name.length() - 1).strip() : name;
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Entrée « facts » : nom de variable invalide « " + part.strip() + " ».");
                }
                names.add(name);
                if (isRequired) {
                    required.add(name);
                }
            }
            return new Spec(List.copyOf(names), Set.copyOf(required));
        }
    }

    /** The {@code coreFields} input read: each core column and the fact that feeds it. */
    static Map<CoreField, String> parseCore(String input) {
        var core = new EnumMap<CoreField, String>(CoreField.class);
        if (input == null || input.isBlank()) {
            return core;
        }
        for (var part : input.split(",")) {
            var pair = part.split("=", 2);
            CoreField field;
            try {
                field = CoreField.valueOf(pair[0].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Entrée « coreFields » : colonne inconnue « " + pair[0].strip()
                        + " » (attendu l'une de " + List.of(CoreField.values()) + ").");
            }
            if (pair.length < 2 || !NAME.matcher(pair[1].strip()).matches()) {
                throw new IllegalArgumentException("Entrée « coreFields » : « " + part.strip() + " » n'est pas de la forme colonne=variable.");
            }
            core.put(field, pair[1].strip());
        }
        return core;
    }

    /**
     * The values to store, typed: yes/no, numbers and text as they are (text trimmed, blank = absent), dates as ISO
     * strings (a day when it is midnight in {@code zone}, else the instant with its offset), lists as JSON.
     */
    static Object typed(Object value, ZoneId zone) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Date date) {
            var local = Instant.ofEpochMilli(date.getTime()).atZone(zone);
            return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().toString()
                    : local.toOffsetDateTime().toString();
        }
        if (value instanceof SpinJsonNode node) {
            return node.toString();
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        var text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** What is wrong with the values, in French; empty when they can be recorded. */
    static List<String> problems(Spec spec, Map<CoreField, String> core, Map<String, Object> values) {
        var problems = new ArrayList<String>();
        var missing = spec.names().stream().filter(spec.required()::contains).filter(n -> values.get(n) == null).toList();
        if (!missing.isEmpty()) {
            problems.add("champ" + (missing.size() > 1 ? "s" : "") + " obligatoire" + (missing.size() > 1 ? "s" : "")
                    + " non renseigné" + (missing.size() > 1 ? "s" : "") + " : " + String.join(", ", missing));
        }
        core.forEach((field, name) -> {
            var value = values.get(name);
            if (value == null) {
                return;
            }
            var text = value.toString();
            if (text.length() > field.maxLength()) {
                problems.add(name + " : " + field.maxLength() + " caractères au plus");
            }
            if (field == CoreField.contactEmail && !EMAIL.matcher(text).matches()) {
                problems.add(name + " : adresse électronique invalide (« " + text + " »)");
            }
        });
        return problems;
    }

    /** The keys of a Camunda form's fields (text blocks, groups and tables have none), in the form's order. */
    static List<String> fieldKeys(String formJson) {
        try {
            var keys = new ArrayList<String>();
            collectKeys(JSON.readTree(formJson).path("components"), keys);
            return keys;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Formulaire illisible : " + e.getOriginalMessage(), e);
        }
    }

    private static void collectKeys(com.fasterxml.jackson.databind.JsonNode components, List<String> keys) {
        for (var component : components) {
            var key = component.path("key").asText("");
            if (!key.isEmpty() && NAME.matcher(key).matches() && !keys.contains(key)) {
                keys.add(key);
            }
            collectKeys(component.path("components"), keys);
        }
    }

    /**
     * A form with nothing to keep as facts (no {@code facts} input: the écart's review): its answers go to the
     * dossier's history as one event, « <task> : analyse — … ; suite — … ». Nothing is refused.
     */
    @Transactional
    public void recordAnswers(String number, List<String> names, Function<String, Object> variables, String actor, String step) {
        var zone = campaigns.get(dossiers.get(number).campaignKey()).timeZone();
        var answers = new ArrayList<String>();
        for (var name : names) {
            var value = typed(variables.apply(name), zone);
            if (value != null) {
                answers.add(name + " : " + value);
            }
        }
        dossiers.recordEvent(number, actor, "FORM_ANSWERS", step + (answers.isEmpty() ? " : complété" : " — " + String.join(" ; ", answers)));
    }

    /** Reads, checks and records a form's facts for a dossier; throws {@link IllegalArgumentException} in French. */
    @Transactional
    public Map<String, Object> record(String number, String factsInput, String coreInput, Function<String, Object> variables,
                                      String actor, String step) {
        var spec = Spec.parse(factsInput);
        var core = parseCore(coreInput);
        var zone = campaigns.get(dossiers.get(number).campaignKey()).timeZone();
        var values = new LinkedHashMap<String, Object>();
        for (var name : spec.names()) {
            values.put(name, typed(variables.apply(name), zone));
        }
        for (var name : core.values()) {
            values.computeIfAbsent(name, n -> typed(variables.apply(n), zone));
        }
        var problems = problems(spec, core, values);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Saisie incomplète : " + String.join(" ; ", problems) + ".");
        }
        var stored = new LinkedHashMap<String, Object>();
        spec.names().forEach(n -> stored.put(n, values.get(n)));
        facts.setAll(number, stored);
        var columns = new EnumMap<CoreField, String>(CoreField.class);
        core.forEach((field, name) -> {
            if (values.get(name) != null) {
                columns.put(field, values.get(name).toString());
            }
        });
        dossiers.updateCore(number, columns);
        var filled = spec.names().stream().filter(n -> values.get(n) != null).toList();
        dossiers.recordEvent(number, actor, "FORM_FACTS", "%s : %d information%s enregistrée%s (%s)".formatted(
                step, filled.size(), filled.size() > 1 ? "s" : "", filled.size() > 1 ? "s" : "", String.join(", ", filled)));
        return stored;
    }
}
