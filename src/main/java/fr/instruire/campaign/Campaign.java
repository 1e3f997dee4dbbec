package fr.instruire.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import fr.instruire.identity.StaffUser;

/**
 * One session of a call. Its windows are instants; {@code timeZone} says how the call's dates read there.
 * Closing instants are exclusive: a closing date without an hour is the end of that day in the campaign's zone.
 */
public record Campaign(
        String key,
        String callId,
        String title,
        String region,
        ZoneId timeZone,
        Instant submissionOpensAt,
        Instant submissionClosesAt,
        Instant selectionOpensAt,
        Instant selectionClosesAt,
        long budgetEnvelope,
        String dossierPrefix,
        String reviewerGroup,
        String committeeGroup,
        String complementsDelay,
        String conventionReminderDelay,
        String contactEmail) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DAY_AND_HOUR = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    public String campaignProcessKey() {
        return callId + "-campaign";
    }

    public String dossierProcessKey() {
        return callId + "-dossier";
    }

    /**
     * Who works on this campaign's dossiers: its reviewers, its committee and administrators — no one else, so that
     * each region's staff see their own dossiers only.
     */
    public boolean isOpenTo(StaffUser user) {
        return user.isInAny(reviewerGroup, committeeGroup);
    }

    public boolean isOpenForSubmission(Instant at) {
        return !at.isBefore(submissionOpensAt) && at.isBefore(submissionClosesAt);
    }

    /** « du 3 février 2021 au 3 mai 2021 inclus (heure de America/Guadeloupe) » */
    public String submissionWindowInFrench() {
        return "du %s au %s (heure locale, fuseau %s)".formatted(
                opening(submissionOpensAt), closing(submissionClosesAt), timeZone.getId());
    }

    public String selectionWindowInFrench() {
        return "du %s au %s (heure locale, fuseau %s)".formatted(
                opening(selectionOpensAt), closing(selectionClosesAt), timeZone.getId());
    }

    private String opening(Instant at) {
        var local = at.atZone(timeZone);
        return local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? local.format(DAY) : local.format(DAY_AND_HOUR);
    }

    private String closing(Instant exclusiveEnd) {
        var local = exclusiveEnd.atZone(timeZone);
        if (local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return local.minusDays(1).format(DAY) + " inclus";
        }
        return local.format(DAY_AND_HOUR);
    }
}
