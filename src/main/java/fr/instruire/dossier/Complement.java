package fr.instruire.dossier;

import java.time.Instant;

/**
 * Complements asked by a reviewer, and the applicant's answer once received — or when its delay ran out without one
 * ({@code expiredAt}).
 */
public record Complement(long id, Instant requestedAt, String requestedBy, String requestText, Instant answeredAt,
                         String answerText, Instant expiredAt) {
}
