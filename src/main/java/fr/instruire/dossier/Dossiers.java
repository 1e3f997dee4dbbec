package fr.instruire.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.CallDefinitions;
import fr.instruire.system.Clock;

/** The dossiers of every campaign, in Instruire's own tables. */
@Repository
public class Dossiers {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate transaction;
    private final CallDefinitions calls;

    Dossiers(JdbcClient jdbc, PlatformTransactionManager transactions, CallDefinitions calls) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Allocates the next number for a prefix and year (AAP-2021-0007). Numbers are unique and increasing; concurrent
     * submissions take them one after the other under the sequence row's lock.
     * <p>
     * Called with no transaction open (an API submission takes its number before opening its own), the number is
     * taken in a short transaction of its own: the row's lock is held for two statements, not for the whole
     * submission, which would make every submission of a campaign wait for the one before it (the benchmark measured
     * 15 submissions a second at 8 clients, one at a time); a submission that fails after taking its number leaves
     * that number unused. Called inside a transaction (a mail registered, the demonstration), the number is taken in
     * that transaction, its lock held until it ends: a transaction of its own there would need a second pooled
     * connection while the caller holds one, and as many callers as the pool has connections would wait for each
     * other until the pool's timeout (what a CI run saw with 16 first submissions at once and 10 connections).
     * <p>
     * The first submission of a prefix and year creates the row; when several arrive together, the row is created
     * under a savepoint so that the losers' duplicate key rolls back only that statement (PostgreSQL would otherwise
     * abort the whole transaction), and they then take the row's lock like any later submission.
     */
    public String nextNumber(String prefix, int year) {
        var key = prefix + "-" + year;
        // REQUIRED: a short transaction of its own when none is open, the caller's otherwise
        return transaction.execute(status -> {
            if (increment(key) == 0) {
                createSequence(key);
                if (increment(key) == 0) {
                    throw new IllegalStateException("Séquence de numérotation introuvable : " + key);
                }
            }
            int value = jdbc.sql("SELECT last_value FROM dossier_number_sequence WHERE prefix_year = ?")
                    .param(key).query(Integer.class).single();
            return "%s-%04d".formatted(key, value);
        });
    }

    private int increment(String key) {
        return jdbc.sql("UPDATE dossier_number_sequence SET last_value = last_value + 1 WHERE prefix_year = ?")
                .param(key).update();
    }

    /** The sequence row at 0, unless another transaction created it first (then it is left as is). */
    private void createSequence(String key) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql(
                    "INSERT INTO dossier_number_sequence (prefix_year, last_value) VALUES (?, 0)").param(key).update());
        } catch (DuplicateKeyException createdMeanwhile) {
            // another first submission created it: its lock orders us after it
        }
    }

    @Transactional
    public void insert(Dossier d, String accessTokenHash) {
        jdbc.sql("""
                INSERT INTO dossier (dossier_number, campaign_key, status, organisation_name, organisation_siren,
                    contact_name, contact_email, project_title, project_description, access_token_hash,
                    submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.number(), d.campaignKey(), d.status(), d.organisationName(), d.organisationSiren(),
                        d.contactName(), d.contactEmail(), d.projectTitle(), d.projectDescription(),
                        accessTokenHash, utc(d.submittedAt()), utc(d.updatedAt()))
                .update();
        recordStatusChange(d.number(), d.status(), d.submittedAt());
    }

    public Optional<Dossier> find(String number) {
        return jdbc.sql("SELECT * FROM dossier WHERE dossier_number = ?").param(number)
                .query((rs, i) -> map(rs)).optional();
    }

    public Dossier get(String number) {
        return find(number).orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + number));
    }

    /**
     * The dossier's status, its row locked until the end of the caller's transaction: what is decided from it (a
     * document accepted within the dossier's limits) is not raced by another request on the same dossier.
     */
    @Transactional
    public Optional<String> lockStatus(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ? FOR UPDATE").param(number)
                .query(String.class).optional();
    }

    /** A new access token for the dossier: the one given before no longer opens it. */
    public void replaceAccessTokenHash(String number, String accessTokenHash) {
        jdbc.sql("UPDATE dossier SET access_token_hash = ? WHERE dossier_number = ?").params(accessTokenHash, number).update();
    }

    public Optional<String> accessTokenHash(String number) {
        return jdbc.sql("SELECT access_token_hash FROM dossier WHERE dossier_number = ?").param(number)
                .query(String.class).optional();
    }

    /** The dossiers of a campaign in a status, best score first: one query. */
    public List<Dossier> inCampaign(String campaignKey, String status) {
        return jdbc.sql("""
                SELECT * FROM dossier WHERE campaign_key = ? AND status = ?
                ORDER BY score DESC NULLS LAST, submitted_at""")
                .params(campaignKey, status).query((rs, i) -> map(rs)).list();
    }

    /**
     * A campaign's dossiers, filtered in SQL: by status when given, by region when given (a dossier is in a region when
     * one of the facts its call's descriptor names as regions says so: {@code region}, {@code establishments.region}), newest first
     * or, by score, best first; each with its score's maximum (the {@code maxScore} fact its instruction recorded).
     */
    public List<DossierSummary> list(String campaignKey, String status, String region, boolean byScore) {
        var sql = new StringBuilder("""
                SELECT d.dossier_number, d.organisation_name, d.project_title, d.status, d.score, d.grant_amount,
                    d.submitted_at,
                    (SELECT f.value_text FROM dossier_fact f WHERE f.dossier_number = d.dossier_number AND f.name = 'maxScore')
                FROM dossier d WHERE d.campaign_key = ?""");
        var params = new ArrayList<Object>(List.of(campaignKey));
        if (status != null) {
            sql.append(" AND d.status = ?");
            params.add(status);
        }
        if (region != null) {
            var paths = regionPaths(campaignKey);
            if (paths.isEmpty()) {
                sql.append(" AND 1 = 0");
            } else {
                sql.append(" AND (").append(String.join(" OR ", paths.stream().map(p -> regionCondition(p, params, region)).toList())).append(")");
            }
        }
        sql.append(byScore
                ? " ORDER BY d.score DESC NULLS LAST, d.submitted_at DESC, d.dossier_number DESC"
                : " ORDER BY d.submitted_at DESC, d.dossier_number DESC");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> new DossierSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, Integer.class),
                        rs.getObject(6, Long.class), instant(rs, 7), rs.getString(8) == null ? null : Integer.valueOf(rs.getString(8))))
                .list();
    }

    /** The condition that a dossier {@code d} has {@code region} at {@code path} (a fact, or a field of a list's records). */
    private static String regionCondition(String path, List<Object> params, String region) {
        var dot = path.indexOf('.');
        if (dot < 0) {
            params.add(path);
            params.add(region);
            return "EXISTS (SELECT 1 FROM dossier_fact f WHERE f.dossier_number = d.dossier_number AND f.name = ? AND f.value_text = ?)";
        }
        params.add(path.substring(0, dot));
        params.add(path.substring(dot + 1));
        params.add(region);
        return "EXISTS (SELECT 1 FROM dossier_fact_record r WHERE r.dossier_number = d.dossier_number AND r.fact = ?"
                + " AND r.field = ? AND r.value_text = ?)";
    }

    private List<String> regionPaths(String campaignKey) {
        return jdbc.sql("SELECT call_id FROM campaign WHERE campaign_key = ?").param(campaignKey).query(String.class).optional()
                .flatMap(calls::find).map(CallDefinition::regions).orElse(List.of());
    }

    /** The regions of a campaign's dossiers (where its call's descriptor reads them), so that the filter offers what can match. */
    public List<String> regions(String campaignKey) {
        return List.copyOf(countBy(campaignKey, regionPaths(campaignKey)).keySet());
    }

    /**
     * A campaign's dossiers counted by each value found at the paths (a fact, {@code publicType}, or a field of a list's
     * records, {@code esms.region}), in one query, values in alphabetical order: a dossier counts once per value it has.
     */
    public java.util.SortedMap<String, Long> countBy(String campaignKey, List<String> paths) {
        var counts = new java.util.TreeMap<String, Long>();
        if (paths.isEmpty()) {
            return counts;
        }
        var selects = new ArrayList<String>();
        var params = new ArrayList<Object>();
        for (var path : paths) {
            int dot = path.indexOf('.');
            if (dot < 0) {
                selects.add("SELECT f.value_text AS v, f.dossier_number AS n FROM dossier_fact f WHERE f.name = ?");
                params.add(path);
            } else {
                selects.add("SELECT r.value_text AS v, r.dossier_number AS n FROM dossier_fact_record r WHERE r.fact = ? AND r.field = ?");
                params.add(path.substring(0, dot));
                params.add(path.substring(dot + 1));
            }
        }
        params.add(campaignKey);
        jdbc.sql("SELECT x.v, COUNT(DISTINCT x.n) FROM (" + String.join(" UNION ", selects) + ") x"
                        + " JOIN dossier d ON d.dossier_number = x.n WHERE d.campaign_key = ? AND x.v IS NOT NULL GROUP BY x.v")
                .params(params).query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * Some stored facts of every dossier of a campaign, in one query: by dossier number, then by fact name (a list of
     * records as its number of records).
     */
    public Map<String, Map<String, Object>> factsInCampaign(String campaignKey, List<String> names) {
        var byDossier = new LinkedHashMap<String, Map<String, Object>>();
        if (names.isEmpty()) {
            return byDossier;
        }
        var params = new ArrayList<Object>(List.of(campaignKey));
        params.addAll(names);
        jdbc.sql("""
                SELECT f.dossier_number, f.name, f.value_type, f.value_text FROM dossier_fact f
                JOIN dossier d ON d.dossier_number = f.dossier_number
                WHERE d.campaign_key = ? AND f.name IN (""" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")")
                .params(params)
                .query(rs -> {
                    var text = rs.getString(4);
                    byDossier.computeIfAbsent(rs.getString(1), n -> new LinkedHashMap<>()).put(rs.getString(2),
                            switch (rs.getString(3)) {
                                case "BOOLEAN" -> Boolean.valueOf(text);
                                case "LONG", "RECORDS" -> Long.valueOf(text);
                                case "DECIMAL" -> Double.valueOf(text);
                                default -> text;
                            });
                });
        return byDossier;
    }

    /** How many dossiers each campaign has received, by campaign key. */
    public Map<String, Integer> countByCampaign() {
        var counts = new LinkedHashMap<String, Integer>();
        jdbc.sql("SELECT campaign_key, COUNT(*) FROM dossier GROUP BY campaign_key")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    /** Marks a dossier as arrived by mail, and whether after its campaign's closing instant. */
    public void markReceivedByMail(String number, boolean late) {
        jdbc.sql("UPDATE dossier SET channel = 'MAIL', received_late = ? WHERE dossier_number = ?").params(late, number).update();
    }

    public boolean receivedLate(String number) {
        return jdbc.sql("SELECT received_late FROM dossier WHERE dossier_number = ?").param(number).query(Boolean.class).single();
    }

    public void updateStatus(String number, String status) {
        var now = Clock.now();
        jdbc.sql("UPDATE dossier SET status = ?, updated_at = ? WHERE dossier_number = ?")
                .params(status, utc(now), number).update();
        recordStatusChange(number, status, now);
    }

    /** The status the dossier entered, unless it was already in it (a step setting the same status again). */
    private void recordStatusChange(String number, String status, Instant at) {
        jdbc.sql("""
                INSERT INTO dossier_status_change (dossier_number, status, changed_at)
                SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM dossier_status_change h WHERE h.dossier_number = ?
                    AND h.status = ? AND h.id = (SELECT MAX(l.id) FROM dossier_status_change l WHERE l.dossier_number = ?))""")
                .params(number, status, utc(at), number, status, number).update();
    }

    /**
     * The dossier's core columns a form may set, by the names a model gives them (task input {@code coreFields}):
     * the organisation as the pages and mails name it and the contact the mails go to.
     */
    public enum CoreField {
        organisationName("organisation_name", 300),
        organisationSiren("organisation_siren", 9),
        contactName("contact_name", 200),
        contactEmail("contact_email", 320),
        projectTitle("project_title", 300),
        projectDescription("project_description", 8000);

        private final String column;
        private final int maxLength;

        CoreField(String column, int maxLength) {
            this.column = column;
            this.maxLength = maxLength;
        }

        public int maxLength() {
            return maxLength;
        }
    }

    /** Updates core columns (e.g. the organisation typed from a dossier received by mail). */
    public void updateCore(String number, Map<CoreField, String> values) {
        for (var entry : values.entrySet()) {
            // the column comes from the enum, never from the caller
            jdbc.sql("UPDATE dossier SET " + entry.getKey().column + " = ?, updated_at = ? WHERE dossier_number = ?")
                    .params(entry.getValue(), utc(Clock.now()), number).update();
        }
    }

    public void recordInstruction(String number, int score, Long grantAmount) {
        jdbc.sql("""
                UPDATE dossier SET score = ?, grant_amount = ?, status = ?, updated_at = ?
                WHERE dossier_number = ?""")
                .params(score, grantAmount, DossierStatus.INSTRUCTED, utc(Clock.now()), number).update();
        recordStatusChange(number, DossierStatus.INSTRUCTED, Clock.now());
    }

    /** The dossier's grant, as a decision computed it after its instruction (a rate set by a committee…). */
    public void recordGrant(String number, long grantAmount) {
        jdbc.sql("UPDATE dossier SET grant_amount = ?, updated_at = ? WHERE dossier_number = ?")
                .params(grantAmount, utc(Clock.now()), number).update();
    }

    public void recordEvent(String number, String actor, String kind, String detail) {
        jdbc.sql("INSERT INTO dossier_event (dossier_number, occurred_at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)")
                .params(number, utc(Clock.now()), actor, kind, detail).update();
    }

    public List<DossierEvent> history(String number) {
        return jdbc.sql("""
                SELECT occurred_at, actor, kind, detail FROM dossier_event WHERE dossier_number = ? ORDER BY id""")
                .param(number)
                .query((rs, i) -> new DossierEvent(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    public void requestComplements(String number, String requestedBy, String requestText) {
        jdbc.sql("""
                INSERT INTO dossier_complement (dossier_number, requested_at, requested_by, request_text)
                VALUES (?, ?, ?, ?)""").params(number, utc(Clock.now()), requestedBy, requestText).update();
        updateStatus(number, DossierStatus.AWAITING_COMPLEMENTS);
    }

    /** The request still waiting for an answer, if any. */
    public Optional<Complement> openComplementRequest(String number) {
        return complements(number).stream().filter(c -> c.answeredAt() == null && c.expiredAt() == null).reduce((a, b) -> b);
    }

    /** Closes the request still open, its delay run out without an answer; false when none was open. */
    public boolean expireComplements(String number) {
        return jdbc.sql("""
                UPDATE dossier_complement SET expired_at = ?
                WHERE dossier_number = ? AND answered_at IS NULL AND expired_at IS NULL""")
                .params(utc(Clock.now()), number).update() > 0;
    }

    public void answerComplements(long complementId, String answerText) {
        jdbc.sql("UPDATE dossier_complement SET answered_at = ?, answer_text = ? WHERE id = ?")
                .params(utc(Clock.now()), answerText, complementId).update();
    }

    public List<Complement> complements(String number) {
        return jdbc.sql("""
                SELECT id, requested_at, requested_by, request_text, answered_at, answer_text, expired_at
                FROM dossier_complement WHERE dossier_number = ? ORDER BY id""")
                .param(number)
                .query((rs, i) -> new Complement(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), rs.getString(6), instant(rs, 7)))
                .list();
    }

    private static Dossier map(ResultSet rs) throws SQLException {
        return new Dossier(
                rs.getString("dossier_number"),
                rs.getString("campaign_key"),
                rs.getString("status"),
                rs.getString("organisation_name"),
                rs.getString("organisation_siren"),
                rs.getString("contact_name"),
                rs.getString("contact_email"),
                rs.getString("project_title"),
                rs.getString("project_description"),
                rs.getObject("score", Integer.class),
                rs.getObject("grant_amount", Long.class),
                instant(rs, "submitted_at"),
                instant(rs, "updated_at"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        var t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
