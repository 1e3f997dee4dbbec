package fr.instruire.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code instruire.mail.*}. A blank {@code outboxDir} sends through SMTP ({@code spring.mail.*}); otherwise mails
 * are written there as .eml files, for the embedded run that has no SMTP server.
 */
@ConfigurationProperties("instruire.mail")
record MailProperties(String from, String messageIdDomain, String outboxDir) {
}
