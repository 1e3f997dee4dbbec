package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V7 on H2 (PostgreSQL: {@code ApplicantTokenStorageIT}): the answers kept before it lose their clear
 * token and keep the rest, in a table only read from now on.
 */
class IdempotencyMigrationTest {

    static final String TOKEN = "aB3-_x9ZqLmNoPqRsTuVwXyZ0123456789abcdefghi";

    @Test
    void earlierAnswersLoseTheirTokenOnH2() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:idempotency-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        checkMigration(dataSource);
    }

    static void checkMigration(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(MigrationVersion.fromVersion("6"))
                .load().migrate();
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                    submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                    reviewer_group, committee_group, complements_delay, convention_reminder_delay, created_at)
                VALUES ('c', 'esms-numerique', 'C', 'Bretagne', 'Europe/Paris', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'C', 'g', 'g', 'P15D', 'P30D', CURRENT_TIMESTAMP)""").update();
        jdbc.sql("""
                INSERT INTO dossier (dossier_number, campaign_key, status, organisation_name, contact_email, project_title,
                    public_type, project_type, managing_organisation_size, managing_organisation_count, core_services_count,
                    honour_statement_provided, purchasing_framework_compliant, access_token_hash, submitted_at, updated_at)
                VALUES ('C-2026-0001', 'c', 'SUBMITTED', 'O', 'o@example.org', 'P', 'PA', 'X', 'S', 1, 1, TRUE, TRUE,
                    'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""").update();
        var body = "{\"dossierNumber\":\"C-2026-0001\",\"accessToken\":\"" + TOKEN + "\",\"campaignKey\":\"c\","
                + "\"status\":\"SUBMITTED\",\"statusLabel\":\"Déposé\",\"submittedAt\":\"2026-01-05T10:00:00Z\","
                + "\"statusUrl\":\"/api/dossiers/C-2026-0001\"}";
        jdbc.sql("""
                INSERT INTO idempotency_key (campaign_key, idempotency_key, request_hash, dossier_number, response_body, created_at)
                VALUES ('c', 'cle', 'hash', 'C-2026-0001', ?, CURRENT_TIMESTAMP)""").param(body).update();

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        var kept = jdbc.sql("SELECT response_body FROM idempotency_key_before_v7 WHERE campaign_key = 'c' AND idempotency_key = 'cle'")
                .query(String.class).single();
        assertThat(kept).isEqualTo(body.replace(",\"accessToken\":\"" + TOKEN + "\"", ""))
                .doesNotContain(TOKEN).contains("\"dossierNumber\":\"C-2026-0001\",\"campaignKey\":\"c\"");
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key").query(Long.class).single()).isZero();
    }
}
