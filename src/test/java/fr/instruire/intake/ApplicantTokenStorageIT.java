package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;

/**
 * « Applicant tokens never stored in clear anywhere »: after submissions, a replay, a document and the acknowledgement
 * mails, no issued token is found in any text or binary column of the database — Instruire's tables and the engine's
 * (variables, history, byte arrays) — nor in the application's log; a replay still answers with the token.
 */
@ApplicationIT
@ExtendWith(OutputCaptureExtension.class)
class ApplicantTokenStorageIT {

    static final String CAMPAIGN = "jetons-it";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "applicant_tokens");
    }

    @LocalServerPort
    int port;
    @Autowired JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaign() throws Exception {
        FacilisoinsApplications.openCampaign(api(), CAMPAIGN, "JET");
    }

    @Test
    void noApplicantTokenIsStoredInAnyTable(CapturedOutput log) throws Exception {
        var tokens = new LinkedHashMap<String, String>();
        for (var i = 1; i <= 3; i++) {
            var email = "direction" + i + "@mesanges-jetons.example";
            // the third without Idempotency-Key: nothing to remember for it
            var response = submit(FacilisoinsApplications.application(email), i < 3 ? "jetons-cle-" + i : null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            var body = json.readTree(response.body());
            tokens.put(body.get("dossierNumber").asText(), body.get("accessToken").asText());
        }
        var before = dossierCount();
        var first = submit(FacilisoinsApplications.application("direction1@mesanges-jetons.example"), "jetons-cle-1");
        var number = tokens.keySet().iterator().next();

        // a replay with the same key and body answers exactly as the first answer did, token included
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Location")).hasValue("/api/dossiers/" + number);
        var replayed = json.readTree(first.body());
        assertThat(replayed.get("dossierNumber").asText()).isEqualTo(number);
        assertThat(replayed.get("accessToken").asText()).isEqualTo(tokens.get(number));
        assertThat(dossierCount()).isEqualTo(before);
        // the same key with another body is refused, and opens nothing
        var reused = submit(FacilisoinsApplications.application("autre@mesanges-jetons.example"), "jetons-cle-1");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(reused.body()).doesNotContain(tokens.get(number));

        // the tokens are used: status, a document (its history), and the acknowledgements are sent
        for (var dossier : tokens.entrySet()) {
            var status = api().get("/api/dossiers/" + dossier.getKey(), "Bearer " + dossier.getValue());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        }
        var pdf = api().upload(number, "budget.pdf", "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII),
                "application/pdf", "Bearer " + tokens.get(number));
        assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(201);
        var mails = new ArrayList<String>();
        var i = 1;
        for (var dossier : tokens.keySet()) {
            var mail = Mails.await("direction" + i++ + "@mesanges-jetons.example", dossier + ".accuse-reception.1");
            var raw = new ByteArrayOutputStream();
            mail.writeTo(raw);
            mails.add(raw.toString(StandardCharsets.UTF_8));
        }

        var found = scanDatabase(List.copyOf(tokens.values()));
        assertThat(found).as("colonnes où un jeton figure en clair").isEmpty();
        // the scan does read every table: the dossiers' numbers are found where they are expected
        var numbersFound = scanDatabase(List.copyOf(tokens.keySet()));
        assertThat(numbersFound).contains("dossier.dossier_number", "idempotency_key.response_body", "mail_log.dossier_number",
                "act_ru_variable.text_", "act_hi_varinst.text_", "act_ru_execution.business_key_");
        assertThat(jdbc.sql("SELECT sealed_token FROM idempotency_key WHERE dossier_number = ?").param(number)
                .query(String.class).single()).isNotBlank();

        // nor in the mails (they never carried the token) nor in the application's log
        for (var token : tokens.values()) {
            assertThat(mails).noneMatch(m -> m.contains(token));
            assertThat(log.getAll()).doesNotContain(token);
        }
    }

    /**
     * An answer kept before V7 is in {@code idempotency_key_before_v7}, without its token (the migration removed it):
     * a retry still gets its dossier back, without a token, and a reuse of its key for another body is still refused.
     */
    @Test
    void aRetryOfAnAnswerKeptBeforeTheMigrationGetsItsDossierWithoutToken() throws Exception {
        var application = FacilisoinsApplications.application("avant-v7@mesanges-jetons.example");
        var first = submit(application, "jetons-avant-v7");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        var number = json.readTree(first.body()).get("dossierNumber").asText();
        // the row as V7 leaves an earlier one: its key in clear, its answer without the token
        jdbc.sql("""
                INSERT INTO idempotency_key_before_v7 (campaign_key, idempotency_key, request_hash, dossier_number,
                    response_body, created_at)
                SELECT campaign_key, 'cle-avant-v7', request_hash, dossier_number, response_body, created_at
                FROM idempotency_key WHERE dossier_number = ?""").param(number).update();
        var before = dossierCount();

        var retry = submit(application, "cle-avant-v7");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        var body = json.readTree(retry.body());
        assertThat(body.get("dossierNumber").asText()).isEqualTo(number);
        assertThat(body.has("accessToken")).isFalse();
        var reused = submit(FacilisoinsApplications.application("autre-v7@mesanges-jetons.example"), "cle-avant-v7");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(dossierCount()).isEqualTo(before);
    }

    long dossierCount() {
        return jdbc.sql("SELECT count(*) FROM dossier WHERE campaign_key = ?").param(CAMPAIGN).query(Long.class).single();
    }

    /**
     * Every table of the public schema (Instruire's and the engine's), every character, text, JSON and binary column
     * (byte arrays read as UTF-8): the {@code table.column} where one of {@code values} appears.
     */
    List<String> scanDatabase(List<String> values) {
        var columns = jdbc.sql("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('character varying', 'character', 'text', 'bytea', 'json', 'jsonb')
                ORDER BY table_name, column_name""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        assertThat(columns).extracting(c -> c[0] + "." + c[1])
                .contains("act_ge_bytearray.bytes_", "act_hi_varinst.text_", "act_ru_variable.text2_",
                        "act_hi_detail.text_", "idempotency_key.sealed_token", "dossier_event.detail");
        var found = new ArrayList<String>();
        for (var column : columns) {
            var table = column[0];
            var name = column[1];
            var binary = column[2].equals("bytea");
            var contents = jdbc.sql("SELECT \"" + name + "\" FROM \"" + table + "\" WHERE \"" + name + "\" IS NOT NULL")
                    .query((rs, n) -> binary ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : rs.getString(1)).list();
            if (contents.stream().anyMatch(content -> values.stream().anyMatch(content::contains))) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    /**
     * Rows written before tokens were sealed lose their token in the migration, on PostgreSQL (the H2 side is in
     * {@code IdempotencyMigrationTest}), and keep the rest of their answer.
     */
    @Test
    void theMigrationRemovesTheTokensOfEarlierAnswers() throws Exception {
        var pg = EmbeddedServices.postgres();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE applicant_tokens_v6");
        }
        var dataSource = pg.getDatabase("postgres", "applicant_tokens_v6");
        IdempotencyMigrationTest.checkMigration(dataSource);
    }

    HttpResponse<String> submit(String body, String idempotencyKey) throws Exception {
        return api().post("/api/campaigns/" + CAMPAIGN + "/applications", body, null, "Idempotency-Key", idempotencyKey);
    }

    Api api() {
        return new Api(port);
    }
}
