/**
 * The applicants' API: submissions (idempotent), documents, complements and the dossier's status, each checked
 * on the server and refused as problem+json in French, leaving nothing behind.
 */
package fr.instruire.intake;
