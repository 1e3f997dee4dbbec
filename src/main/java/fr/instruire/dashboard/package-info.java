/**
 * What managers watch, in Cockpit: a plugin (the dashboard's « Campagnes » section, a campaign's page, the header's
 * « Campagnes » entry; its script in {@code plugin-webapp/instruire/app/plugin.js}) reading each campaign's figures —
 * the funnel from dépôt to payment, dossiers by status, region and public, time in instruction, euros against the
 * envelope, open and overdue tasks by team, incidents — computed in SQL ({@link fr.instruire.dashboard.CampaignDashboard})
 * for the campaigns the signed-in member may see.
 */
package fr.instruire.dashboard;
