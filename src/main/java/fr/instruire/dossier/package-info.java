/**
 * The dossier: an application to a campaign, its facts, documents, complements, history and status. Every other
 * capability reads and updates dossiers through {@link fr.instruire.dossier.Dossiers}; the engine only holds the
 * dossier's number.
 */
package fr.instruire.dossier;
