/**
 * The call's decision tables seen by a process owner before a change: what a new version of a table would decide for
 * the dossiers of a campaign, beside what the deployed one decides — the dossiers whose outcome would change.
 */
package fr.instruire.decision;
