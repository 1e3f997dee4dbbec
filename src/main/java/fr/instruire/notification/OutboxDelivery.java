package fr.instruire.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Writes each mail as {@code {outbox}/{Message-ID}.eml}, for a run without an SMTP server. A resend carries the same
 * Message-ID, so it replaces its file rather than adding one.
 */
class OutboxDelivery implements MailDelivery {

    private final Path outbox;

    OutboxDelivery(Path outbox) {
        this.outbox = outbox;
    }

    @Override
    public void deliver(MimeMessage message) {
        try {
            Files.createDirectories(outbox);
            var file = outbox.resolve(fileName(message.getMessageID()));
            // written aside then moved, so a reader of the outbox never sees half a mail
            var partial = Files.createTempFile(outbox, ".sending-", ".eml");
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Écriture du courriel dans " + outbox + " impossible", e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Courriel illisible", e);
        }
    }

    @Override
    public String state() {
        return "OUTBOX";
    }

    static String fileName(String messageId) {
        return messageId.replaceAll("^<|>$", "").replaceAll("[^A-Za-z0-9._@-]", "_") + ".eml";
    }
}
