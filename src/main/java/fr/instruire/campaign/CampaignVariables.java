package fr.instruire.campaign;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.system.ApiProblem.FieldError;

/**
 * A call's own campaign variables ({@link CampaignDefinition#variables()}): checked when the campaign is opened, kept
 * as JSON with the campaign, and given to its processes — dates written as text become dates.
 */
final class CampaignVariables {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,63}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.+");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the platform itself sets on the campaign's and the dossiers' processes: a call cannot override it. */
    static final Set<String> RESERVED = Set.of("campaignKey", "callId", "region", "timeZone", "submissionOpensAt",
            "submissionClosesAt", "selectionOpensAt", "selectionClosesAt", "budgetEnvelope", "reviewerGroup",
            "committeeGroup", "dossierNumber", "complementsDelay", "conventionReminderDelay", "channel", "receivedLate");

    private CampaignVariables() {
    }

    /** What is wrong with them, field by field (in French). */
    static List<FieldError> check(Map<String, Object> variables) {
        var errors = new ArrayList<FieldError>();
        if (variables == null) {
            return errors;
        }
        if (variables.size() > 50) {
            errors.add(new FieldError("variables", "50 variables au plus"));
        }
        variables.forEach((name, value) -> {
            var field = "variables." + name;
            if (!NAME.matcher(name).matches()) {
                errors.add(new FieldError(field, "nom de variable invalide (lettres et chiffres, commençant par une minuscule)"));
            } else if (RESERVED.contains(name)) {
                errors.add(new FieldError(field, "variable réservée à la plateforme"));
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(new FieldError(field, "valeur simple attendue (texte, nombre, oui/non)"));
            } else if (name.endsWith("Group") && !(value instanceof String g && g.matches("[a-z0-9._-]+"))) {
                errors.add(new FieldError(field, "identifiant de groupe"));
            } else if (value instanceof String s && s.length() > 1000) {
                errors.add(new FieldError(field, "1000 caractères au plus"));
            } else if (value instanceof String s && (DAY.matcher(s).matches() || INSTANT.matcher(s).matches())) {
                try {
                    date(s, ZoneId.of("UTC"));
                } catch (DateTimeException e) {
                    errors.add(new FieldError(field, "date attendue au format AAAA-MM-JJ ou AAAA-MM-JJThh:mm:ss±hh:mm"));
                }
            }
        });
        return errors;
    }

    static String json(Map<String, Object> variables) {
        if (variables == null || variables.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Variables de campagne illisibles", e);
        }
    }

    /** As the processes get them: a text written as a date becomes a {@link Date}. */
    static Map<String, Object> forProcess(Map<String, Object> variables, ZoneId zone) {
        var result = new LinkedHashMap<String, Object>();
        variables.forEach((name, value) -> result.put(name,
                value instanceof String s && (DAY.matcher(s).matches() || INSTANT.matcher(s).matches()) ? date(s, zone) : value));
        return result;
    }

    private static Date date(String text, ZoneId zone) {
        if (DAY.matcher(text).matches()) {
            return Date.from(LocalDate.parse(text).atStartOfDay(zone).toInstant());
        }
        return Date.from(OffsetDateTime.parse(text).toInstant());
    }
}
