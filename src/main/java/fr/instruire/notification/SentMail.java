package fr.instruire.notification;

import java.time.Instant;

/** A mail handed over, as {@code mail_log} records it. {@code state} is SENT (SMTP) or OUTBOX (.eml file). */
public record SentMail(String messageId, String recipient, String subject, Instant sentAt, String state) {
}
