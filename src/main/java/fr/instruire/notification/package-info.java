/**
 * The mails Instruire sends from the processes: French templates rendered for a dossier, sent to its contact at
 * least once, each with a Message-ID that is stable for a (dossier, template, occurrence) so that a resend after a
 * crash is the same mail to the recipient's client. The process calls the {@code sendMail} delegate; every mail
 * sent is in the {@code mail_log} table.
 */
package fr.instruire.notification;
