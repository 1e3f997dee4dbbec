package fr.instruire.dossier;

import java.time.Instant;

/**
 * An application as stored: what every call's dossier has. What a call asks beyond it (a public, a list of
 * establishments, a legal entity, amounts) is the dossier's facts ({@link DossierFacts}), read as the call's
 * descriptor and registration form describe them. {@code status} is one of the call's declared statuses
 * ({@code calls/<call>.yaml}); {@code score} and {@code grantAmount} are what its instruction computed.
 */
public record Dossier(
        String number,
        String campaignKey,
        String status,
        String organisationName,
        String organisationSiren,
        String contactName,
        String contactEmail,
        String projectTitle,
        String projectDescription,
        Integer score,
        Long grantAmount,
        Instant submittedAt,
        Instant updatedAt) {
}
