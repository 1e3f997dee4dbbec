package fr.instruire.campaign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.instruire.system.Clock;

/** A campaign's official acts ({@code campaign_record}) and the documents made from them ({@code campaign_document}). */
@Repository
public class CampaignDocuments {

    private final JdbcClient jdbc;

    CampaignDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An act of the campaign: the ministers' arrêté (kind ARRETE), its reference and date. */
    public record CampaignRecord(String campaignKey, String kind, String reference, LocalDate date, Instant recordedAt,
                                 String recordedBy) {
    }

    /** A stored document, without its content. */
    public record CampaignDocument(long id, String campaignKey, String kind, String filename, String contentType,
                                   long size, String sha256, Instant producedAt) {
    }

    /** Records an act; recording it again replaces it (a corrected reference). */
    public void record(String campaignKey, String kind, String reference, LocalDate date, String actor) {
        var now = Clock.now().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                UPDATE campaign_record SET reference = ?, record_date = ?, recorded_at = ?, recorded_by = ?
                WHERE campaign_key = ? AND kind = ?""")
                .params(reference, date, now, actor, campaignKey, kind).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO campaign_record (campaign_key, kind, reference, record_date, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?)""").params(campaignKey, kind, reference, date, now, actor).update();
        }
    }

    public Optional<CampaignRecord> record(String campaignKey, String kind) {
        return jdbc.sql("SELECT * FROM campaign_record WHERE campaign_key = ? AND kind = ?").params(campaignKey, kind)
                .query((rs, i) -> new CampaignRecord(rs.getString("campaign_key"), rs.getString("kind"),
                        rs.getString("reference"), rs.getObject("record_date", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by")))
                .optional();
    }

    /** Stores a document of a kind, replacing the campaign's previous one of that kind (same id): never a duplicate. */
    public long store(String campaignKey, String kind, String filename, String contentType, byte[] content) {
        var sha = sha256(content);
        var now = Clock.now().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                UPDATE campaign_document SET filename = ?, content_type = ?, size_bytes = ?, sha256 = ?, content = ?,
                    produced_at = ? WHERE campaign_key = ? AND kind = ?""")
                .params(filename, contentType, content.length, sha, content, now, campaignKey, kind).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO campaign_document (campaign_key, kind, filename, content_type, size_bytes, sha256, content,
                        produced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(campaignKey, kind, filename, contentType, content.length, sha, content, now).update();
        }
        return jdbc.sql("SELECT id FROM campaign_document WHERE campaign_key = ? AND kind = ?").params(campaignKey, kind)
                .query(Long.class).single();
    }

    public List<CampaignDocument> of(String campaignKey) {
        return jdbc.sql("""
                SELECT id, campaign_key, kind, filename, content_type, size_bytes, sha256, produced_at
                FROM campaign_document WHERE campaign_key = ? ORDER BY id""").param(campaignKey)
                .query((rs, i) -> new CampaignDocument(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<byte[]> content(long id) {
        return jdbc.sql("SELECT content FROM campaign_document WHERE id = ?").param(id).query(byte[].class).optional();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
