package fr.instruire.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage that keeps the Message-ID it was given: JavaMail otherwise draws a new one each time the message is
 * saved, and a resend would look like another mail.
 */
final class StableIdMimeMessage extends MimeMessage {

    private final String messageId;

    StableIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
