package fr.instruire.notification;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_log} table: every mail handed over, one row per (dossier, template, occurrence). Public for its
 * reading, {@link #of}: the staff's dossier page lists the mails sent.
 */
@Repository
public class MailLog {

    private final JdbcClient jdbc;

    MailLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many mails of this template the dossier has been sent, as committed (or as seen by this transaction). */
    int count(String dossierNumber, String template) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_log WHERE dossier_number = ? AND template = ?")
                .params(dossierNumber, template).query(Integer.class).single();
    }

    void record(String dossierNumber, String template, SentMail mail) {
        record(dossierNumber, template, mail, null);
    }

    /** {@code copyTo}: the ARS mailbox copied, if any. Recipients are cut to the column's 320 characters. */
    void record(String dossierNumber, String template, SentMail mail, String copyTo) {
        jdbc.sql("""
                INSERT INTO mail_log (message_id, dossier_number, template, recipient, subject, sent_at, state, copy_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(mail.messageId(), dossierNumber, template, fit(mail.recipient()), mail.subject(),
                        mail.sentAt().atOffset(ZoneOffset.UTC), mail.state(), copyTo == null ? null : fit(copyTo))
                .update();
    }

    private static String fit(String recipients) {
        return recipients.length() <= 320 ? recipients : recipients.substring(0, 319) + "…";
    }

    /** The ARS mailbox copied on a mail, if any. */
    public java.util.Optional<String> copyTo(String messageId) {
        return jdbc.sql("SELECT copy_to FROM mail_log WHERE message_id = ?").param(messageId).query(String.class)
                .optional().filter(java.util.Objects::nonNull);
    }

    /** The mails handed over for a dossier, oldest first. */
    public List<SentMail> of(String dossierNumber) {
        return jdbc.sql("""
                SELECT message_id, recipient, subject, sent_at, state FROM mail_log
                WHERE dossier_number = ? ORDER BY sent_at, message_id""")
                .param(dossierNumber)
                .query((rs, i) -> new SentMail(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
                .list();
    }
}
