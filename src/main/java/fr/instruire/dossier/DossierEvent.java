package fr.instruire.dossier;

import java.time.Instant;

/** One line of a dossier's history: a decision or a step, who made it, when, and why. */
public record DossierEvent(Instant occurredAt, String actor, String kind, String detail) {
}
