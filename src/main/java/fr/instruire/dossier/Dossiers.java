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

import fr.instruire.system.Clock;

/** The dossiers of every campaign, in Instruire's own tables. */
@Repository
public class Dossiers {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    Dossiers(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Allocates the next number for a prefix and year (ESMS-2021-0007) in the caller's transaction, under the
     * sequence row's lock: concurrent submissions take their numbers one after the other, and a submission rolled
     * back gives its number back (no gap). The first submission of a prefix and year creates the row; when several
     * arrive together, the row is created under a savepoint so that the losers' duplicate key rolls back only that
     * statement (PostgreSQL would otherwise abort the whole transaction), and they then take the row's lock like any
     * later submission.
     */
    @Transactional
    public String nextNumber(String prefix, int year) {
        var key = prefix + "-" + year;
        if (increment(key) == 0) {
            createSequence(key);
            if (increment(key) == 0) {
                throw new IllegalStateException("Séquence de numérotation introuvable : " + key);
            }
        }
        int value = jdbc.sql("SELECT last_value FROM dossier_number_sequence WHERE prefix_year = ?")
                .param(key).query(Integer.class).single();
        return "%s-%04d".formatted(key, value);
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
                    contact_name, contact_email, project_title, project_description, public_type, project_type,
                    managing_organisation_size, managing_organisation_count, core_services_count,
                    honour_statement_provided, purchasing_framework_compliant, access_token_hash,
                    submitted_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.number(), d.campaignKey(), d.status().name(), d.organisationName(), d.organisationSiren(),
                        d.contactName(), d.contactEmail(), d.projectTitle(), d.projectDescription(), d.publicType(),
                        d.projectType(), d.managingOrganisationSize(), d.managingOrganisationCount(),
                        d.coreServicesCount(), d.honourStatementProvided(), d.purchasingFrameworkCompliant(),
                        accessTokenHash, utc(d.submittedAt()), utc(d.updatedAt()))
                .update();
        int seq = 0;
        for (var e : d.esms()) {
            jdbc.sql("""
                    INSERT INTO dossier_esms (dossier_number, seq, finess, name, region, esms_size, medicalised,
                        equipment_requested) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(d.number(), ++seq, e.finess(), e.name(), e.region(), e.size(), e.medicalised(),
                            e.equipmentRequested())
                    .update();
        }
    }

    public Optional<Dossier> find(String number) {
        var esms = jdbc.sql("""
                SELECT finess, name, region, esms_size, medicalised, equipment_requested
                FROM dossier_esms WHERE dossier_number = ? ORDER BY seq""")
                .param(number)
                .query((rs, i) -> new Esms(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6)))
                .list();
        return jdbc.sql("SELECT * FROM dossier WHERE dossier_number = ?").param(number)
                .query((rs, i) -> map(rs, esms)).optional();
    }

    public Dossier get(String number) {
        return find(number).orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + number));
    }

    /**
     * The dossier's status, its row locked until the end of the caller's transaction: what is decided from it (a
     * document accepted within the dossier's limits) is not raced by another request on the same dossier.
     */
    @Transactional
    public Optional<DossierStatus> lockStatus(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ? FOR UPDATE").param(number)
                .query((rs, i) -> DossierStatus.valueOf(rs.getString(1))).optional();
    }

    public Optional<String> accessTokenHash(String number) {
        return jdbc.sql("SELECT access_token_hash FROM dossier WHERE dossier_number = ?").param(number)
                .query(String.class).optional();
    }

    /** The dossiers of a campaign in a status, best score first. */
    public List<Dossier> inCampaign(String campaignKey, DossierStatus status) {
        return jdbc.sql("""
                SELECT dossier_number FROM dossier WHERE campaign_key = ? AND status = ?
                ORDER BY score DESC NULLS LAST, submitted_at""")
                .params(campaignKey, status.name()).query(String.class).list()
                .stream().map(this::get).toList();
    }

    /**
     * A campaign's dossiers, filtered in SQL: by status when given, by region when given (a dossier is in a region
     * when one of its ESMS is, or when its {@code region} fact names it), newest first or, by score, best first;
     * each with its score's maximum (the {@code maxScore} fact its instruction recorded).
     */
    public List<DossierSummary> list(String campaignKey, DossierStatus status, String region, boolean byScore) {
        var sql = new StringBuilder("""
                SELECT d.dossier_number, d.organisation_name, d.project_title, d.status, d.score, d.grant_amount,
                    d.submitted_at,
                    (SELECT f.value_text FROM dossier_fact f WHERE f.dossier_number = d.dossier_number AND f.name = 'maxScore')
                FROM dossier d WHERE d.campaign_key = ?""");
        var params = new ArrayList<Object>(List.of(campaignKey));
        if (status != null) {
            sql.append(" AND d.status = ?");
            params.add(status.name());
        }
        if (region != null) {
            sql.append(" AND (EXISTS (SELECT 1 FROM dossier_esms e WHERE e.dossier_number = d.dossier_number AND e.region = ?)"
                    + " OR EXISTS (SELECT 1 FROM dossier_fact f WHERE f.dossier_number = d.dossier_number"
                    + " AND f.name = 'region' AND f.value_text = ?))");
            params.add(region);
            params.add(region);
        }
        sql.append(byScore
                ? " ORDER BY d.score DESC NULLS LAST, d.submitted_at DESC, d.dossier_number DESC"
                : " ORDER BY d.submitted_at DESC, d.dossier_number DESC");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> new DossierSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        DossierStatus.valueOf(rs.getString(4)), rs.getObject(5, Integer.class),
                        rs.getObject(6, Long.class), instant(rs, 7), rs.getString(8) == null ? null : Integer.valueOf(rs.getString(8))))
                .list();
    }

    /** The regions of a campaign's dossiers (their ESMS', their region facts), so that the filter offers what can match. */
    public List<String> regions(String campaignKey) {
        return jdbc.sql("""
                SELECT e.region FROM dossier_esms e JOIN dossier d ON d.dossier_number = e.dossier_number
                WHERE d.campaign_key = ?
                UNION
                SELECT f.value_text FROM dossier_fact f JOIN dossier d ON d.dossier_number = f.dossier_number
                WHERE d.campaign_key = ? AND f.name = 'region'
                ORDER BY 1""")
                .params(campaignKey, campaignKey).query(String.class).list();
    }

    /** A dossier's regions: those of its ESMS, and the one its {@code region} fact names, in alphabetical order. */
    public List<String> regionsOf(Dossier dossier) {
        var regions = new java.util.TreeSet<String>();
        dossier.esms().forEach(e -> regions.add(e.region()));
        jdbc.sql("SELECT value_text FROM dossier_fact WHERE dossier_number = ? AND name = 'region'").param(dossier.number())
                .query(String.class).list().forEach(regions::add);
        return List.copyOf(regions);
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

    public void updateStatus(String number, DossierStatus status) {
        jdbc.sql("UPDATE dossier SET status = ?, updated_at = ? WHERE dossier_number = ?")
                .params(status.name(), utc(Clock.now()), number).update();
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

    public void recordInstruction(String number, int score, long grantAmount) {
        jdbc.sql("""
                UPDATE dossier SET score = ?, grant_amount = ?, status = ?, updated_at = ?
                WHERE dossier_number = ?""")
                .params(score, grantAmount, DossierStatus.INSTRUCTED.name(), utc(Clock.now()), number).update();
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
        return complements(number).stream().filter(c -> c.answeredAt() == null).reduce((a, b) -> b);
    }

    public void answerComplements(long complementId, String answerText) {
        jdbc.sql("UPDATE dossier_complement SET answered_at = ?, answer_text = ? WHERE id = ?")
                .params(utc(Clock.now()), answerText, complementId).update();
    }

    public List<Complement> complements(String number) {
        return jdbc.sql("""
                SELECT id, requested_at, requested_by, request_text, answered_at, answer_text
                FROM dossier_complement WHERE dossier_number = ? ORDER BY id""")
                .param(number)
                .query((rs, i) -> new Complement(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), rs.getString(6)))
                .list();
    }

    private static Dossier map(ResultSet rs, List<Esms> esms) throws SQLException {
        return new Dossier(
                rs.getString("dossier_number"),
                rs.getString("campaign_key"),
                DossierStatus.valueOf(rs.getString("status")),
                rs.getString("organisation_name"),
                rs.getString("organisation_siren"),
                rs.getString("contact_name"),
                rs.getString("contact_email"),
                rs.getString("project_title"),
                rs.getString("project_description"),
                rs.getString("public_type"),
                rs.getString("project_type"),
                rs.getString("managing_organisation_size"),
                rs.getObject("managing_organisation_count", Integer.class),
                rs.getObject("core_services_count", Integer.class),
                rs.getObject("honour_statement_provided", Boolean.class),
                rs.getObject("purchasing_framework_compliant", Boolean.class),
                esms,
                (Integer) rs.getObject("score", Integer.class),
                (Long) rs.getObject("grant_amount", Long.class),
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
