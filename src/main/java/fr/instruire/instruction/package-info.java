/**
 * The reviewers' work on a dossier — recevabilité, complements, instruction — as thin delegates and listeners the
 * dossier models call: they feed the decision tables from the dossier's tables, check the forms on the server,
 * and record each decision with who took it and why.
 */
package fr.instruire.instruction;
