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

    /** The Message-IDs of the mails GreenMail received so far for a recipient (To or Cc). */
    public static java.util.List<String> to(String recipient) {
        return Arrays.stream(EmbeddedServices.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null
                        && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(recipient));
            } catch (MessagingException e) {
                return false;
            }
        }).map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                return "";
            }
        }).toList();
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
