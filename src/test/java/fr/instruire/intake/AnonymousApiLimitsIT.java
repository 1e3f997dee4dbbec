package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/**
 * « Anonymous API limits »: a JSON body over {@code instruire.intake.max-json-bytes} (256 Ko by default) is refused
 * with 413 before it is read as JSON, whether its length is announced or not (chunked); documents are taken only while
 * the dossier may receive them, up to a number and a total size per dossier. Each refusal is problem+json in French
 * and leaves nothing behind.
 */
@ApplicationIT
@TestPropertySource(properties = {"instruire.intake.max-documents=3", "instruire.intake.max-documents-bytes=64KB"})
class AnonymousApiLimitsIT {

    static final String CAMPAIGN = "limites-it";
    static final int LIMIT = 256 * 1024;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "anonymous_limits");
    }

    @LocalServerPort
    int port;
    @Autowired JdbcClient jdbc;
    @Autowired Dossiers dossiers;
    @Autowired fr.instruire.call.CallDefinitions calls;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaign() throws Exception {
        FacilisoinsApplications.openCampaign(api(), CAMPAIGN, "LIM");
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        // an application padded just under the limit is read and accepted: what is refused is the size
        var under = FacilisoinsApplications.application("sous@limites.example", padding(LIMIT - 2_000));
        assertThat(under.getBytes(StandardCharsets.UTF_8).length).isLessThan(LIMIT);
        var accepted = api().post(applications(), under, null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        var before = dossierCount();

        var over = FacilisoinsApplications.application("sur@limites.example", padding(LIMIT + 10));
        var announced = api().post(applications(), over, null, "Idempotency-Key", "limite-annoncee");
        assertTooLarge(announced, "Requête trop volumineuse");
        assertThat(problem(announced).get("detail").asText()).contains("256 Ko");

        var chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + applications()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "limite-par-morceaux")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTooLarge(chunked, "Requête trop volumineuse");

        // the staff's JSON routes under /api too
        var staff = api().post("/api/campaigns", "{\"key\": \"x\", " + padding(LIMIT) + "}",
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertTooLarge(staff, "Requête trop volumineuse");

        assertThat(dossierCount()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key").query(Long.class).single()).isZero();
    }

    @Test
    void aDossierTakesDocumentsUpToItsNumberAndTotalSize() throws Exception {
        var counted = submit("nombre@limites.example");
        for (int i = 1; i <= 3; i++) {
            var upload = upload(counted, "piece-" + i + ".pdf", 1_000);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        }
        var fourth = upload(counted, "piece-4.pdf", 1_000);
        assertThat(fourth.statusCode()).as(fourth.body()).isEqualTo(409);
        assertProblem(fourth, "Nombre de documents atteint");
        assertThat(problem(fourth).get("detail").asText()).contains("a déjà 3 documents");
        assertThat(documentCount(counted.number())).isEqualTo(3);

        var sized = submit("taille@limites.example");
        assertThat(upload(sized, "budget.pdf", 40 * 1024).statusCode()).isEqualTo(201);
        var tooMuch = upload(sized, "annexes.pdf", 30 * 1024);
        assertTooLarge(tooMuch, "Documents trop volumineux");
        assertThat(problem(tooMuch).get("detail").asText()).contains("64 Ko au total", "déjà 40 Ko");
        assertThat(documentCount(sized.number())).isEqualTo(1);
        assertThat(upload(sized, "annexe-courte.pdf", 20 * 1024).statusCode()).isEqualTo(201);
    }

    @Test
    void aDossierClosedToDocumentsRefusesThem() throws Exception {
        var dossier = submit("statut@limites.example");
        var call = calls.of("facilisoins");
        for (var status : call.statuses().keySet()) {
            dossiers.updateStatus(dossier.number(), status);
            jdbc.sql("DELETE FROM dossier_document WHERE dossier_number = ?").param(dossier.number()).update();
            var upload = upload(dossier, "piece-" + status.toLowerCase() + ".pdf", 100);
            if (java.util.List.of("INADMISSIBLE", "INSTRUCTED", "NOT_SELECTED", "EXPERIMENTATION_ENDED").contains(status)) {
                assertThat(upload.statusCode()).as(status + " " + upload.body()).isEqualTo(409);
                assertProblem(upload, "Dossier fermé aux documents");
                assertThat(problem(upload).get("detail").asText()).contains("« " + call.statusLabel(status) + " »", "ne reçoit plus de documents");
                assertThat(documentCount(dossier.number())).isZero();
            } else {
                assertThat(upload.statusCode()).as(status + " " + upload.body()).isEqualTo(201);
            }
        }
    }

    record Submitted(String number, String token) {
    }

    Submitted submit(String email) throws Exception {
        var response = api().post(applications(), FacilisoinsApplications.application(email), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var body = json.readTree(response.body());
        return new Submitted(body.get("dossierNumber").asText(), body.get("accessToken").asText());
    }

    HttpResponse<String> upload(Submitted dossier, String filename, int size) throws Exception {
        var content = new byte[size];
        Arrays.fill(content, (byte) ' ');
        var header = "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, header.length);
        return api().upload(dossier.number(), filename, content, "application/pdf", "Bearer " + dossier.token());
    }

    void assertTooLarge(HttpResponse<String> response, String title) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertProblem(response, title);
    }

    void assertProblem(HttpResponse<String> response, String title) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(problem(response).get("title").asText()).isEqualTo(title);
        assertThat(problem(response).get("status").asInt()).isEqualTo(response.statusCode());
    }

    JsonNode problem(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    static String padding(int bytes) {
        return "\"agrement\": \"A\"" + " ".repeat(bytes);
    }

    String applications() {
        return "/api/campaigns/" + CAMPAIGN + "/applications";
    }

    long dossierCount() {
        return jdbc.sql("SELECT count(*) FROM dossier WHERE campaign_key = ?").param(CAMPAIGN).query(Long.class).single();
    }

    long documentCount(String number) {
        return jdbc.sql("SELECT count(*) FROM dossier_document WHERE dossier_number = ?").param(number).query(Long.class).single();
    }

    Api api() {
        return new Api(port);
    }
}
