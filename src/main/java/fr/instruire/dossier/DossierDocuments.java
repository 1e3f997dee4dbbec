package fr.instruire.dossier;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fr.instruire.system.Clock;

/** The documents attached to dossiers, kept in the database with the dossier (one backup, one transaction). */
@Repository
public class DossierDocuments {

    private final JdbcClient jdbc;

    DossierDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Document(long id, String dossierNumber, String filename, String contentType, long size, String sha256,
                           Instant uploadedAt, String uploadedBy) {
    }

    public long add(String dossierNumber, String filename, String contentType, byte[] content, String sha256, String uploadedBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO dossier_document (dossier_number, filename, content_type, size_bytes, sha256, content,
                    uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(dossierNumber, filename, contentType, content.length, sha256, content,
                        Dossiers.utc(Clock.now()), uploadedBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public List<Document> of(String dossierNumber) {
        return jdbc.sql("""
                SELECT id, dossier_number, filename, content_type, size_bytes, sha256, uploaded_at, uploaded_by
                FROM dossier_document WHERE dossier_number = ? ORDER BY id""")
                .param(dossierNumber)
                .query((rs, i) -> new Document(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8)))
                .list();
    }

    public Optional<byte[]> content(long id) {
        return jdbc.sql("SELECT content FROM dossier_document WHERE id = ?").param(id).query(byte[].class).optional();
    }
}
