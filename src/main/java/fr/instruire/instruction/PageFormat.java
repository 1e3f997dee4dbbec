package fr.instruire.instruction;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import fr.instruire.call.CallDefinition;
import fr.instruire.system.French;

/**
 * How staff pages write what the tables hold: dates in the campaign's time zone, amounts in euros, statuses in its call's words.
 * Templates call it as {@code ${fmt.dateTime(…)}} (hence its public methods).
 */
record PageFormat(ZoneId zone, CallDefinition call) {

    private static final String NONE = "—";

    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("SUBMITTED", "Dépôt"),
            Map.entry("RECEIVED_BY_MAIL", "Reçu par courriel"),
            Map.entry("MAIL_ATTACHED", "Courriel rattaché"),
            Map.entry("DOCUMENT_ADDED", "Document ajouté"),
            Map.entry("ADMISSIBILITY_REVIEW", "Recevabilité"),
            Map.entry("INADMISSIBLE", "Irrecevabilité"),
            Map.entry("COMPLEMENTS_REQUESTED", "Compléments demandés"),
            Map.entry("COMPLEMENTS_RECEIVED", "Compléments reçus"),
            Map.entry("COMPLEMENTS_EXPIRED", "Délai de compléments écoulé"),
            Map.entry("ACCESS_TOKEN_SENT", "Jeton d'accès envoyé au candidat"),
            Map.entry("INSTRUCTION", "Instruction"),
            Map.entry("COMMITTEE_DECISION", "Décision du comité"),
            Map.entry("CONVENTION_SIGNED", "Convention signée"),
            Map.entry("FACTS_RECORDED", "Résultats enregistrés"),
            Map.entry("FILING_RECEIVED", "Dépôt reçu"),
            Map.entry("FUNDING_OPENED", "Subvention ouverte"),
            Map.entry("TRANCHE_DUE", "Tranche attendue"),
            Map.entry("TRANCHE_RELEASED", "Tranche libérée"),
            Map.entry("TRANCHE_PAID", "Tranche payée"));
    private static final Map<String, String> MAIL_STATES = Map.of(
            "SENT", "Envoyé",
            "OUTBOX", "Déposé dans la boîte d'envoi locale (.eml)");
    private static final Map<String, String> DOCUMENT_TYPES = Map.ofEntries(
            Map.entry("application/pdf", "PDF"),
            Map.entry("image/png", "Image PNG"),
            Map.entry("image/jpeg", "Image JPEG"),
            Map.entry("application/vnd.oasis.opendocument.text", "Texte ODT"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", "Tableur ODS"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word DOCX"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel XLSX"),
            Map.entry("application/msword", "Word DOC"),
            Map.entry("application/vnd.ms-excel", "Excel XLS"));

    /** « 12 mars 2026 à 10h32 » in the campaign's zone. */
    public String dateTime(Instant at) {
        return at == null ? NONE : French.dateTime(at, zone);
    }

    public String day(Instant at) {
        return at == null ? NONE : French.day(at, zone);
    }

    /** « heure de l’Atlantique (America/Guadeloupe) », said once per page. */
    public String zoneName() {
        return French.zoneName(zone) + " (" + zone.getId() + ")";
    }

    /** A tranche's state in words. */
    public String trancheStatus(fr.instruire.payment.PaymentLedger.Status status) {
        return switch (status) {
            case DUE -> "Attendue";
            case RELEASED -> "Libérée, à payer";
            case PAID -> "Payée";
        };
    }

    /** « 1 234,5 » (a result, a target). */
    public String number(java.math.BigDecimal value) {
        return value == null ? NONE : French.number(value);
    }

    /** « 85 % » from a ratio 0.85. */
    public String percent(java.math.BigDecimal ratio) {
        return ratio == null ? NONE : French.number(ratio.multiply(java.math.BigDecimal.valueOf(100))) + "\u00a0%";
    }

    public String euros(Long amount) {
        return amount == null ? NONE : French.euros(amount);
    }

    public String number(Number n) {
        return n == null ? NONE : NumberFormat.getIntegerInstance(Locale.FRENCH).format(n);
    }

    public String yesNo(boolean value) {
        return value ? "Oui" : "Non";
    }

    public String event(String kind) {
        if (EVENTS.containsKey(kind)) {
            return EVENTS.get(kind);
        }
        return call != null && call.hasStatus(kind) ? call.statusLabel(kind) : kind;
    }

    public String mailState(String state) {
        return MAIL_STATES.getOrDefault(state, state);
    }

    public String documentType(String contentType) {
        return DOCUMENT_TYPES.getOrDefault(contentType, contentType);
    }

    /** « 12 Ko », « 1,4 Mo » */
    public String bytes(long size) {
        if (size < 1024) {
            return size + " octets";
        }
        if (size < 1024 * 1024) {
            return Math.round(size / 1024.0) + " Ko";
        }
        return String.format(Locale.FRENCH, "%.1f Mo", size / (1024.0 * 1024));
    }
}
