package fr.instruire.campaign;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What a process owner gives to open a session of a call. Dates are written as the call writes them:
 * {@code 2021-05-03} (a day in the campaign's time zone: an opening day starts at 00:00 there, a closing day
 * ends at 24:00 there) or an instant with its offset ({@code 2021-05-03T12:00:00-04:00}).
 * <p>
 * {@code variables}: what the call's own models read beyond this common calendar (its partners' groups, a number of
 * places, dates of its own steps, delays,
 * {@code opinionReminder}, {@code experimentationDuration}, {@code actionPlanUpdateCycle}, {@code dataDeliveryCycle}):
 * simple values only (text, number, yes/no); a text written as a date ({@code 2022-03-15} or with its offset) becomes
 * a date, a day being its start in the campaign's zone. Given to the campaign's process and to each dossier's.
 */
public record CampaignDefinition(
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[a-z0-9-]{3,100}", message = "minuscules, chiffres et tirets (3 à 100)") String key,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[a-z0-9-]{3,80}", message = "identifiant de l'appel : minuscules, chiffres et tirets (ex. mon-appel)") String callId,
        @NotBlank(message = "obligatoire") @Size(max = 300, message = "300 caractères au plus") String title,
        @NotBlank(message = "obligatoire") String region,
        @NotBlank(message = "obligatoire") String timeZone,
        @NotBlank(message = "obligatoire") String submissionOpens,
        @NotBlank(message = "obligatoire") String submissionCloses,
        @NotBlank(message = "obligatoire") String selectionOpens,
        @NotBlank(message = "obligatoire") String selectionCloses,
        @NotNull(message = "obligatoire") @PositiveOrZero(message = "doit être positif") Long budgetEnvelope,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[A-Z]{2,10}", message = "2 à 10 majuscules (ex. AAP)") String dossierPrefix,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[a-z0-9._-]+", message = "identifiant de groupe") String reviewerGroup,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[a-z0-9._-]+", message = "identifiant de groupe") String committeeGroup,
        @Pattern(regexp = "P(\\d+[YMWD])+(T(\\d+[HMS])+)?|PT(\\d+[HMS])+", message = "durée ISO 8601 (ex. P15D)") String complementsDelay,
        @Pattern(regexp = "P(\\d+[YMWD])+(T(\\d+[HMS])+)?|PT(\\d+[HMS])+", message = "durée ISO 8601 (ex. P21D)") String conventionReminderDelay,
        @Email(message = "adresse e-mail invalide") String contactEmail,
        Map<String, Object> variables) {

    /** Without call-specific variables. */
    public CampaignDefinition(String key, String callId, String title, String region, String timeZone, String submissionOpens,
                              String submissionCloses, String selectionOpens, String selectionCloses, Long budgetEnvelope,
                              String dossierPrefix, String reviewerGroup, String committeeGroup, String complementsDelay,
                              String conventionReminderDelay, String contactEmail) {
        this(key, callId, title, region, timeZone, submissionOpens, submissionCloses, selectionOpens, selectionCloses,
                budgetEnvelope, dossierPrefix, reviewerGroup, committeeGroup, complementsDelay, conventionReminderDelay,
                contactEmail, null);
    }
}
