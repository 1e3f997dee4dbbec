/**
 * Campaigns (sessions of a call): their calendar in their own time zone, the campaign process that runs it,
 * and the committee sittings that decide on the dossiers instructed so far.
 */
package fr.instruire.campaign;
