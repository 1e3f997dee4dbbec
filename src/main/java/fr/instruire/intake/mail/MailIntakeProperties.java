package fr.instruire.intake.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mailboxes applications arrive in ({@code instruire.mail-intake.mailboxes[*]}); none by default, and then
 * nothing polls. Secrets come from the environment in production, e.g.
 * {@code INSTRUIRE_MAILINTAKE_MAILBOXES_0_PASSWORD}.
 */
@ConfigurationProperties("instruire.mail-intake")
record MailIntakeProperties(List<Mailbox> mailboxes) {

    MailIntakeProperties {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        var ids = mailboxes.stream().map(Mailbox::id).distinct().count();
        if (ids != mailboxes.size()) {
            throw new IllegalArgumentException("instruire.mail-intake.mailboxes : deux boîtes ont le même id");
        }
    }

    /**
     * One IMAP mailbox feeding one campaign.
     *
     * @param id           how the registry names the mailbox; defaults to {@code username@host/folder}. Keep it when the
     *                     host's name changes: a message is registered once per mailbox id
     * @param campaign     the key of the campaign its messages apply to
     * @param folder       default {@code INBOX}
     * @param ssl          IMAPS (port 993 by default) rather than IMAP (port 143)
     * @param subject      the subject the call prescribes, e.g. {@code MON APPEL – appel à candidatures}
     * @param pollInterval default one minute
     */
    record Mailbox(String id, String campaign, String host, Integer port, String username, String password,
                   String folder, boolean ssl, String subject, Duration pollInterval) {

        Mailbox {
            require(campaign, "campaign");
            require(host, "host");
            require(username, "username");
            require(subject, "subject");
            folder = folder == null || folder.isBlank() ? "INBOX" : folder;
            port = port != null ? port : ssl ? 993 : 143;
            pollInterval = pollInterval != null ? pollInterval : Duration.ofMinutes(1);
            id = id != null && !id.isBlank() ? id : (username + "@" + host + "/" + folder).toLowerCase(Locale.ROOT);
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("instruire.mail-intake.mailboxes[].poll-interval doit être positif");
            }
        }

        private static void require(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("instruire.mail-intake.mailboxes[]." + name + " est obligatoire");
            }
        }

        /** Never the password: a mailbox is named in logs. */
        @Override
        public String toString() {
            return "boîte " + id + " (campagne " + campaign + ")";
        }
    }
}
