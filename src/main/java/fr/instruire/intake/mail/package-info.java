/**
 * Applications received by mail, as a call may prescribe (« par voie électronique », with a prescribed subject): each configured IMAP mailbox is polled, every message is registered once in
 * {@code inbound_mail} with its raw bytes, in the same transaction as what it becomes — a dossier (the same creation
 * path as the API's), or a « Qualifier le courriel » task when its subject does not match — and only then flagged on
 * the server. Late messages are registered and marked late, never dropped.
 */
package fr.instruire.intake.mail;
