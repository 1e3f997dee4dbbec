package fr.instruire.support;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Waiting for a mail in GreenMail, found by its recipient and the start of its Message-ID (dossier.template.n). */
public final class Mails {

    private Mails() {
    }

    public static MimeMessage await(String recipient, String messageIdStart) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(EmbeddedServices.greenMail().getReceivedMessages())
                .filter(m -> matches(m, recipient, messageIdStart)).findFirst().orElse(null), Objects::nonNull);
    }

    private static boolean matches(MimeMessage m, String recipient, String messageIdStart) {
        try {
            return m.getMessageID() != null && m.getMessageID().startsWith("<" + messageIdStart + "@")
                    && m.getAllRecipients()[0].toString().contains(recipient);
        } catch (MessagingException e) {
            return false;
        }
    }
}
