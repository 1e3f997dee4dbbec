package fr.instruire.dossier;

import java.time.Instant;

/** One line of a campaign's list of dossiers: what a reviewer scans before opening one. */
public record DossierSummary(String number, String organisationName, String projectTitle, String status,
                             Integer score, Long grantAmount, Instant submittedAt, Integer maxScore) {
}
