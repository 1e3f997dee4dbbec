package fr.instruire.instruction;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.instruire.system.Clock;

/**
 * Reviewers' private annotations on a dossier. Staff only: never in the applicant's view of the dossier, never in
 * {@code dossier_event} (whose lines go into mails).
 */
@Repository
class Annotations {

    static final int MAX_LENGTH = 4000;

    private final JdbcClient jdbc;

    Annotations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Annotation(long id, Instant writtenAt, String author, String text) {
    }

    void add(String dossierNumber, String author, String text) {
        jdbc.sql("INSERT INTO dossier_annotation (dossier_number, written_at, author, body) VALUES (?, ?, ?, ?)")
                .params(dossierNumber, Clock.now().atOffset(ZoneOffset.UTC), author, text)
                .update();
    }

    /** Newest first: the latest note is the one a reviewer looks for. */
    List<Annotation> of(String dossierNumber) {
        return jdbc.sql("""
                SELECT id, written_at, author, body FROM dossier_annotation WHERE dossier_number = ?
                ORDER BY written_at DESC, id DESC""")
                .param(dossierNumber)
                .query((rs, i) -> new Annotation(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4)))
                .list();
    }
}
