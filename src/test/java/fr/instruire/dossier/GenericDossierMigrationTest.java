package fr.instruire.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V10 on H2: an ESMS numérique dossier stored in the columns and table of its call becomes a generic dossier
 * — its columns facts of the same names, its ESMS a list of records — and reads back as the rules read it.
 */
class GenericDossierMigrationTest {

    @Test
    void anEsmsDossierBecomesFactsAndAListOfRecords() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:generic-dossier-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        check(dataSource);
    }

    static void check(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(MigrationVersion.fromVersion("9"))
                .load().migrate();
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                    submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                    reviewer_group, committee_group, complements_delay, convention_reminder_delay, created_at)
                VALUES ('c', 'esms-numerique', 'C', 'Guadeloupe', 'America/Guadeloupe', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'ESMS', 'g', 'g', 'P15D', 'P30D', CURRENT_TIMESTAMP)""").update();
        jdbc.sql("""
                INSERT INTO dossier (dossier_number, campaign_key, status, organisation_name, contact_email, project_title,
                    public_type, project_type, managing_organisation_size, managing_organisation_count, core_services_count,
                    honour_statement_provided, purchasing_framework_compliant, access_token_hash, score, grant_amount,
                    submitted_at, updated_at)
                VALUES ('ESMS-2021-0001', 'c', 'INSTRUCTED', 'Association', 'o@example.org', 'DUI', 'PA', 'ACQUISITION',
                    'PETIT', 2, 3, TRUE, FALSE, 'h', 17, 250000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""").update();
        jdbc.sql("""
                INSERT INTO dossier_esms (dossier_number, seq, finess, name, region, esms_size, medicalised, equipment_requested)
                VALUES ('ESMS-2021-0001', 1, '971000001', 'EHPAD', 'Guadeloupe', 'PETIT', TRUE, TRUE),
                       ('ESMS-2021-0001', 2, '972000002', 'SSIAD', 'Martinique', 'MOYEN_GRAND', FALSE, FALSE)""").update();

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        var facts = new DossierFacts(jdbc).of("ESMS-2021-0001");
        assertThat(facts).containsEntry("publicType", "PA").containsEntry("projectType", "ACQUISITION")
                .containsEntry("managingOrganisationSize", "PETIT").containsEntry("managingOrganisationCount", 2L)
                .containsEntry("coreServicesCount", 3L).containsEntry("honourStatementProvided", true)
                .containsEntry("purchasingFrameworkCompliant", false);
        assertThat(facts.get("esms")).isEqualTo(List.of(
                Map.of("finess", "971000001", "name", "EHPAD", "region", "Guadeloupe", "size", "PETIT", "medicalised", true,
                        "equipmentRequested", true),
                Map.of("finess", "972000002", "name", "SSIAD", "region", "Martinique", "size", "MOYEN_GRAND",
                        "medicalised", false, "equipmentRequested", false)));
        assertThat(jdbc.sql("SELECT score FROM dossier WHERE dossier_number = 'ESMS-2021-0001'").query(Integer.class).single())
                .isEqualTo(17);
        var tables = jdbc.sql("SELECT LOWER(table_name) FROM information_schema.tables").query(String.class).list();
        assertThat(tables).doesNotContain("dossier_esms", "call_ars_mailbox");
    }
}
