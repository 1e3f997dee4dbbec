package fr.instruire.intake;

import java.time.Instant;

import fr.instruire.campaign.Campaign;
import fr.instruire.dossier.Dossier;

/**
 * What an applicant gets back: the dossier number and the token that opens this dossier (and only it) on the
 * API. The token is shown once; Instruire keeps only its hash.
 */
public record SubmissionResponse(String dossierNumber, String accessToken, String campaignKey, String status,
                          String statusLabel, Instant submittedAt, String statusUrl) {

    static SubmissionResponse of(Dossier d, Campaign c, String token, String statusLabel) {
        return new SubmissionResponse(d.number(), token, c.key(), d.status(), statusLabel,
                d.submittedAt(), "/api/dossiers/" + d.number());
    }

    /** The same answer with another token ({@code null}: without one, as the idempotency table keeps it). */
    SubmissionResponse withAccessToken(String token) {
        return new SubmissionResponse(dossierNumber, token, campaignKey, status, statusLabel, submittedAt, statusUrl);
    }
}
