/**
 * What the operators watch: Actuator's health (the database decides; the mail server is reported, never a failure —
 * mails wait in their retried jobs) and Prometheus figures (the engine's jobs, incidents and open tasks, the dossiers
 * by call, campaign and status, the money granted, released and paid), computed in SQL, never by loading instances;
 * {@code /actuator/prometheus} is for the monitoring group's members.
 */
package fr.instruire.operations;
