package fr.instruire.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.EsmsNumerique;
import fr.instruire.support.Mails;
import fr.instruire.support.Staff;

/**
 * The forgeries a reviewer or a committee member could try with the calls Tasklist makes, over HTTP as themselves,
 * on the ESMS numérique call of two regions: each is refused with a 400 and a French message, and nothing changes —
 * the dossier keeps its status, the process its variables, the task stays open, no mail leaves.
 */
@ApplicationIT
class SubmissionContractIT {

    static final String GUADELOUPE = "esms-contrat-guadeloupe";
    static final String MARTINIQUE = "esms-contrat-martinique";
    static final String REVIEWER = "instructeur.gp";
    static final String COMMITTEE = "comite.gp";
    static final String MQ_REVIEWER = "instructeur.mq";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "submission");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    String martinican;

    @BeforeAll
    void twoRegionsWithTheirStaff() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        for (var region : List.of("Guadeloupe", "Martinique")) {
            var suffix = region.toLowerCase();
            var created = api().post("/api/campaigns", EsmsNumerique.campaign(region.equals("Guadeloupe") ? GUADELOUPE : MARTINIQUE,
                    region, "ESMS", "instructeurs-" + suffix, "comite-" + suffix, today),
                    Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        Staff.user(identity, REVIEWER, "instructeurs-guadeloupe");
        Staff.user(identity, COMMITTEE, "comite-guadeloupe");
        Staff.user(identity, MQ_REVIEWER, "instructeurs-martinique");
        martinican = submit(MARTINIQUE, "direction@martinique.example");
        recevable(MQ_REVIEWER, martinican);
        instruct(MQ_REVIEWER, martinican, Map.of());
    }

    @Test
    void aCommitteeCannotDecideAnotherRegionsDossier() throws Exception {
        var guadeloupean = submit(GUADELOUPE, "direction@guadeloupe.example");
        recevable(REVIEWER, guadeloupean);
        instruct(REVIEWER, guadeloupean, Map.of());
        var sitting = awaitTask(COMMITTEE, GUADELOUPE, "Activity_TenirSeanceComite");
        await().atMost(Duration.ofSeconds(30)).until(() -> variable(sitting, "committeeDecisions").toString().contains(guadeloupean));
        var before = runtime.getVariables(tasks.createTaskQuery().taskId(sitting).singleResult().getProcessInstanceId());

        // the prepared rows, all decided, the first one's dossier replaced by the Martinique one
        var rows = new java.util.ArrayList<Map<String, Object>>();
        for (var row : variable(sitting, "committeeDecisions")) {
            rows.add(Map.of("dossierNumber", rows.isEmpty() ? martinican : row.get("dossierNumber").asText(),
                    "decision", "NON_RETENU", "reason", "Hors sujet"));
        }
        var swappedRows = typed(json.writeValueAsString(rows), "Json");

        // the campaign named in the submission, a Martinique dossier decided
        var forged = complete(COMMITTEE, sitting, Map.of("campaignKey", typed(MARTINIQUE, "String"),
                "lastSitting", typed(false, "Boolean"), "committeeDecisions", swappedRows));
        assertRefused(forged, "« campaignKey » n'est pas un champ du formulaire de cette tâche");
        assertThat(forged.body()).contains("« Décisions du comité », ligne 1, « Dossier » est en lecture seule");

        // the Martinique dossier in place of the prepared one, without naming a campaign
        var swapped = complete(COMMITTEE, sitting, Map.of("committeeDecisions", swappedRows));
        assertRefused(swapped, "« Décisions du comité », ligne 1, « Dossier » est en lecture seule");

        // the last sitting with no decision: the refusal names only what the committee may see
        var last = complete(COMMITTEE, sitting, Map.of("lastSitting", typed(true, "Boolean"),
                "committeeDecisions", typed("[]", "Json")));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(400);
        assertThat(last.body()).doesNotContain(martinican);

        // within the form's contract, a rule only the server knows: the listener's refusal reaches the user as a 400
        var adjourned = new java.util.ArrayList<Map<String, Object>>();
        for (var row : variable(sitting, "committeeDecisions")) {
            adjourned.add(Map.of("dossierNumber", row.get("dossierNumber").asText(), "decision", "AJOURNE", "reason", ""));
        }
        var lastAdjourning = complete(COMMITTEE, sitting, Map.of("lastSitting", typed(true, "Boolean"),
                "committeeDecisions", typed(json.writeValueAsString(adjourned), "Json")));
        assertRefused(lastAdjourning, "la dernière séance statue sur tous les dossiers instruits");

        assertThat(statusOf(martinican)).isEqualTo("INSTRUCTED");
        assertThat(statusOf(guadeloupean)).isEqualTo("INSTRUCTED");
        assertThat(tasks.createTaskQuery().taskId(sitting).count()).isEqualTo(1);
        var after = runtime.getVariables(tasks.createTaskQuery().taskId(sitting).singleResult().getProcessInstanceId());
        assertThat(after.get("campaignKey")).isEqualTo(GUADELOUPE).isEqualTo(before.get("campaignKey"));
        assertThat(after.get("lastSitting")).isEqualTo(before.get("lastSitting"));
        assertThat(Mails.to("direction@martinique.example")).noneMatch(m -> m.contains(martinican + ".decision"));
    }

    @Test
    void aReviewerCannotSetTheGrantOrTheScore() throws Exception {
        var number = submit(GUADELOUPE, "grant@guadeloupe.example");
        recevable(REVIEWER, number);
        var instruction = awaitTask(REVIEWER, number, "Activity_InstruireDossier");
        var forged = new LinkedHashMap<>(EsmsNumerique.marks());
        forged.put("grantAmount", typed(9_999_999, "Long"));
        forged.put("score", typed(999, "Integer"));
        var refused = complete(REVIEWER, instruction, forged);
        assertRefused(refused, "« grantAmount » n'est pas un champ du formulaire de cette tâche");
        assertThat(refused.body()).contains("« score » n'est pas un champ du formulaire de cette tâche");
        assertThat(tasks.createTaskQuery().taskId(instruction).count()).isEqualTo(1);
        assertThat(statusOf(number)).isNotEqualTo("INSTRUCTED");

        var ok = complete(REVIEWER, instruction, EsmsNumerique.marks());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
        var list = json.readTree(api().get("/api/campaigns/" + GUADELOUPE + "/dossiers", Api.basic(COMMITTEE, COMMITTEE)).body());
        JsonNode line = null;
        for (var l : list) {
            if (l.get("dossierNumber").asText().equals(number)) {
                line = l;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.get("score").asInt()).isEqualTo(18);
        assertThat(line.get("grantAmount").asLong()).isEqualTo(250_000L);
    }

    @Test
    void aReviewerWritesNoVariableOutsideTheFormOfTheirTask() throws Exception {
        var number = submit(GUADELOUPE, "variables@guadeloupe.example");
        var task = awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        claim(REVIEWER, task);
        var instance = tasks.createTaskQuery().taskId(task).singleResult().getProcessInstanceId();
        var before = runtime.getVariables(instance);
        var auth = Api.basic(REVIEWER, REVIEWER);

        var modifications = api().post("/engine-rest/task/" + task + "/variables", json.writeValueAsString(Map.of("modifications",
                Map.of("contactEmail", typed("pirate@example.org", "String"), "campaignKey", typed(MARTINIQUE, "String")))), auth);
        assertThat(modifications.statusCode()).as(modifications.body()).isEqualTo(403);
        assertThat(modifications.body()).contains("« contactEmail » n'est pas un champ du formulaire de cette tâche");
        var one = send("PUT", "/engine-rest/task/" + task + "/variables/campaignKey", "{\"value\": \"" + MARTINIQUE + "\", \"type\": \"String\"}", auth);
        assertThat(one.statusCode()).as(one.body()).isBetween(400, 403);
        var local = send("PUT", "/engine-rest/task/" + task + "/localVariables/dossierView", "{\"value\": \"{}\", \"type\": \"Json\"}", auth);
        assertThat(local.statusCode()).as(local.body()).isBetween(400, 403);
        var error = api().post("/engine-rest/task/" + task + "/bpmnError", "{\"errorCode\": \"Error_Irrecevable\"}", auth);
        assertThat(error.statusCode()).as(error.body()).isBetween(400, 403);
        var submitForm = api().post("/engine-rest/task/" + task + "/submit-form", json.writeValueAsString(Map.of("variables", Map.of(
                "recevabiliteDecision", typed("RECEVABLE", "String"), "esmsCount", typed(12, "Integer")))), auth);
        assertRefused(submitForm, "« esmsCount » n'est pas un champ du formulaire de cette tâche");
        var badChoice = api().post("/engine-rest/task/" + task + "/submit-form", json.writeValueAsString(Map.of("variables", Map.of(
                "recevabiliteDecision", typed("ACCEPTE", "String")))), auth);
        assertRefused(badChoice, "« ACCEPTE » n'est pas une valeur proposée");

        // the Tasklist API of the signed-in webapp session goes through the same contract
        var browser = new Browser();
        browser.signIn(REVIEWER);
        var tasklist = browser.post("/camunda/api/engine/engine/default/task/" + task + "/submit-form",
                json.writeValueAsString(Map.of("variables", Map.of("recevabiliteDecision", typed("RECEVABLE", "String"),
                        "campaignKey", typed(MARTINIQUE, "String")))));
        assertRefused(tasklist, "« campaignKey » n'est pas un champ du formulaire de cette tâche");

        assertThat(runtime.getVariables(instance)).isEqualTo(before);
        assertThat(tasks.getVariablesLocal(task)).doesNotContainKey("campaignKey").doesNotContainKey("contactEmail");
        assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT contact_email FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single())
                .isEqualTo("variables@guadeloupe.example");
    }

    @Test
    void aContactEmailCannotBeRedirectedThroughAFormsSubmission() throws Exception {
        var number = submit(GUADELOUPE, "complements@guadeloupe.example");
        var task = awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        var redirected = complete(REVIEWER, task, Map.of(
                "recevabiliteDecision", typed("COMPLEMENTS", "String"),
                "complementsRequest", typed("Merci d'envoyer le budget.", "String"),
                "contactEmail", typed("pirate@example.org", "String")));
        assertRefused(redirected, "« contactEmail » n'est pas un champ du formulaire de cette tâche");

        var asked = complete(REVIEWER, task, Map.of(
                "recevabiliteDecision", typed("COMPLEMENTS", "String"),
                "complementsRequest", typed("Merci d'envoyer le budget.", "String")));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(204);
        Mails.await("complements@guadeloupe.example", number + ".demande-complements.1");
        assertThat(Mails.to("pirate@example.org")).isEmpty();
    }

    @Test
    void aMarkOutsideTheFormsBoundsIsRefusedWithItsFrenchMessage() throws Exception {
        var number = submit(GUADELOUPE, "marks@guadeloupe.example");
        recevable(REVIEWER, number);
        var instruction = awaitTask(REVIEWER, number, "Activity_InstruireDossier");
        var outOfBounds = new LinkedHashMap<>(EsmsNumerique.marks());
        outOfBounds.put("scoreMotivation", typed(9, "Integer"));
        var refused = complete(REVIEWER, instruction, outOfBounds);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("message").asText())
                .contains("« Motivation du porteur (0 à 5) » doit être compris entre 0 et 5");
        assertThat(tasks.createTaskQuery().taskId(instruction).count()).isEqualTo(1);
    }

    // --- what the users do ---

    String submit(String campaign, String email) throws Exception {
        var finessPrefix = "97%05d".formatted(Math.abs(email.hashCode()) % 100_000);
        var submitted = api().post("/api/campaigns/" + campaign + "/applications", EsmsNumerique.application(email,
                campaign.equals(GUADELOUPE) ? "Guadeloupe" : "Martinique", finessPrefix), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("dossierNumber").asText();
    }

    void recevable(String reviewer, String number) throws Exception {
        var task = awaitTask(reviewer, number, "Activity_VerifierRecevabilite");
        var done = complete(reviewer, task, Map.of("recevabiliteDecision", typed("RECEVABLE", "String"),
                "recevabiliteComment", typed("Dossier complet", "String")));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    void instruct(String reviewer, String number, Map<String, Object> extra) throws Exception {
        var task = awaitTask(reviewer, number, "Activity_InstruireDossier");
        var variables = new LinkedHashMap<>(EsmsNumerique.marks());
        variables.putAll(extra);
        var done = complete(reviewer, task, variables);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
    }

    HttpResponse<String> complete(String user, String task, Map<String, Object> variables) throws Exception {
        claim(user, task);
        return api().post("/engine-rest/task/" + task + "/complete", json.writeValueAsString(Map.of("variables", variables)),
                Api.basic(user, user));
    }

    void claim(String user, String task) throws Exception {
        if (tasks.createTaskQuery().taskId(task).taskAssignee(user).count() == 0) {
            var claim = api().post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"" + user + "\"}", Api.basic(user, user));
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
        }
    }

    void assertRefused(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText()).contains(message);
    }

    String awaitTask(String user, String businessKey, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var found = json.readTree(api().get("/engine-rest/task?processInstanceBusinessKey=" + businessKey
                    + "&taskDefinitionKey=" + taskKey, Api.basic(user, user)).body());
            return found.size() == 1 ? found.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    JsonNode variable(String task, String name) throws Exception {
        var value = tasks.getVariable(task, name);
        return value == null ? json.nullNode() : json.readTree(value.toString());
    }

    String statusOf(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single();
    }

    static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    Api api() {
        return new Api(port);
    }

    HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The webapps' session, as Tasklist holds it: signed in with the XSRF token, then its own API under /camunda/api. */
    class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

        void signIn(String user) throws Exception {
            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var signIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            // Tasklist fetches this after signing in: a fresh XSRF token for the new session
            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }
    }
}
