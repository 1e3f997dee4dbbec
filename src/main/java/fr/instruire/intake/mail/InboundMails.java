package fr.instruire.intake.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fr.instruire.system.Clock;

/** The registry of received messages ({@code inbound_mail}): each one once per mailbox, with its raw bytes. */
@Repository
class InboundMails {

    /** What became of a message. */
    enum Outcome {
        /** a new dossier */
        DOSSIER,
        /** a « Qualifier le courriel » task is open */
        TRIAGE,
        /** the same message, registered from another mailbox of the campaign */
        DUPLICATE,
        /** triaged: attached to an existing dossier */
        ATTACHED,
        /** triaged: discarded, with who and why */
        DISCARDED
    }

    record InboundMail(long id, String mailbox, String campaignKey, String messageKey, String fromAddress, String subject,
                       Instant receivedAt, Outcome outcome, String dossierNumber, boolean late, byte[] raw) {
    }

    private final JdbcClient jdbc;

    InboundMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The UIDs already registered from a folder, as long as its UIDVALIDITY holds. */
    Set<Long> registeredUids(String mailbox, long uidValidity) {
        return new HashSet<>(jdbc.sql("SELECT uid FROM inbound_mail WHERE mailbox = ? AND uid_validity = ?")
                .params(mailbox, uidValidity).query(Long.class).list());
    }

    boolean isRegistered(String mailbox, String messageKey) {
        return jdbc.sql("SELECT COUNT(*) FROM inbound_mail WHERE mailbox = ? AND message_key = ?")
                .params(mailbox, messageKey).query(Integer.class).single() > 0;
    }

    /** The same message registered from another mailbox of the campaign (the copy sent to an ARS…), if any. */
    Optional<InboundMail> sameMessageInCampaign(String campaignKey, String messageKey) {
        return jdbc.sql("""
                SELECT * FROM inbound_mail WHERE campaign_key = ? AND message_key = ? AND outcome <> 'DUPLICATE'
                ORDER BY id""")
                .params(campaignKey, messageKey).query(InboundMails::map).list().stream().findFirst();
    }

    /** Registers a message; the unique (mailbox, message_key) refuses it if registered meanwhile. */
    long insert(String mailbox, String campaignKey, long uidValidity, long uid, ReceivedMail mail, Instant receivedAt,
                Outcome outcome, String dossierNumber, boolean late, byte[] raw) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inbound_mail (mailbox, campaign_key, uid_validity, uid, message_key, from_address, from_name,
                    subject, received_at, registered_at, outcome, dossier_number, late, size_bytes, raw_message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(mailbox, campaignKey, uidValidity, uid, mail.messageKey(), cut(mail.fromAddress(), 320),
                        cut(mail.fromName(), 300), cut(mail.subject(), 1000), utc(receivedAt), utc(Clock.now()),
                        outcome.name(), dossierNumber, late, raw.length, raw)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<InboundMail> find(long id) {
        return jdbc.sql("SELECT * FROM inbound_mail WHERE id = ?").param(id).query(InboundMails::map).optional();
    }

    InboundMail get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("Courriel reçu inconnu : " + id));
    }

    void becameDossier(long id, String dossierNumber) {
        jdbc.sql("UPDATE inbound_mail SET outcome = 'DOSSIER', dossier_number = ? WHERE id = ?").params(dossierNumber, id).update();
    }

    /** A reviewer's triage: the outcome, the dossier it went to (if any), who, when, and why it was discarded. */
    void qualified(long id, Outcome outcome, String dossierNumber, String actor, String discardReason) {
        jdbc.sql("""
                UPDATE inbound_mail SET outcome = ?, dossier_number = ?, qualified_by = ?, qualified_at = ?, discard_reason = ?
                WHERE id = ?""")
                .params(outcome.name(), dossierNumber, cut(actor, 100), utc(Clock.now()), discardReason, id).update();
    }

    private static InboundMail map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new InboundMail(rs.getLong("id"), rs.getString("mailbox"), rs.getString("campaign_key"),
                rs.getString("message_key"), rs.getString("from_address"), rs.getString("subject"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), Outcome.valueOf(rs.getString("outcome")),
                rs.getString("dossier_number"), rs.getBoolean("late"), rs.getBytes("raw_message"));
    }

    static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
