package fr.instruire.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/**
 * What a reviewer may do in the engine, as they would over Camunda's REST API: work on their group's tasks (claim,
 * complete) but not rewrite them (name, assignee, due date), and see the shared task filter but not one an
 * administrator made for others.
 */
@ApplicationIT
class ReviewerPermissionsIT {

    static final String CAMPAIGN = "esms-numerique-it-permissions";
    static final String REVIEWERS = "instructeurs-essai";
    static final String REVIEWER = "instructeur.essai";
    static final String ADMIN = ApplicationIT.ADMIN;
    static final String ADMIN_PASSWORD = ApplicationIT.ADMIN_PASSWORD;
    static final String SHARED_FILTER = "Toutes les tâches";
    static final String PRIVATE_FILTER = "Dossiers signalés — direction";
    static final String VERIFY = "Activity_VerifierRecevabilite";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "reviewer_permissions");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    TaskService tasks;
    @Autowired
    TaskPermissionUpgrade upgrade;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    String privateFilterId;

    /** The administrator's own filter exists before the campaign gives its groups their access. */
    @BeforeAll
    void privateFilterThenCampaign() throws Exception {
        var filter = api().post("/engine-rest/filter/create", """
                {"resourceType": "Task", "name": "%s", "query": {"candidateGroup": "direction"},
                 "properties": {"description": "pour la direction seulement"}}""".formatted(PRIVATE_FILTER), admin());
        assertThat(filter.statusCode()).as(filter.body()).isEqualTo(200);
        privateFilterId = json.readTree(filter.body()).get("id").asText();

        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = api().post("/api/campaigns", """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — droits des instructeurs",
                 "region": "Guadeloupe", "timeZone": "America/Guadeloupe",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 1000000, "dossierPrefix": "ESMS", "reviewerGroup": "%s",
                 "committeeGroup": "comite-essai"}""".formatted(CAMPAIGN, today.minusDays(10), today.plusDays(10),
                today.minusDays(1), today.plusDays(40), REVIEWERS), admin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        var user = identity.newUser(REVIEWER);
        user.setPassword(REVIEWER);
        identity.saveUser(user);
        identity.createMembership(REVIEWER, REVIEWERS);
    }

    @Test
    void aReviewerClaimsAndCompletesTheirTaskButCannotRewriteIt() throws Exception {
        var taskId = newTask("contact@kaz.example", "970100011");

        var rewrite = put("/engine-rest/task/" + taskId, """
                {"name": "Renommée", "assignee": "%s", "due": "2030-01-01T00:00:00.000+0000", "priority": 100}"""
                .formatted(REVIEWER), reviewer());
        assertThat(rewrite.statusCode()).as("a candidate rewrites the task: " + rewrite.body()).isEqualTo(403);

        var claim = api().post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + REVIEWER + "\"}", reviewer());
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);

        var redate = put("/engine-rest/task/" + taskId, """
                {"name": "Renommée", "assignee": "%s", "due": "2030-01-01T00:00:00.000+0000", "priority": 100}"""
                .formatted(REVIEWER), reviewer());
        assertThat(redate.statusCode()).as("the assignee rewrites the task: " + redate.body()).isEqualTo(403);
        var task = tasks.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task.getName()).isNotEqualTo("Renommée");
        assertThat(task.getDueDate()).isNull();

        var complete = api().post("/engine-rest/task/" + taskId + "/complete", json.writeValueAsString(Map.of("variables",
                Map.of("recevabiliteDecision", Map.of("value", "RECEVABLE", "type", "String"),
                        "recevabiliteComment", Map.of("value", "Dossier complet", "type", "String")))), reviewer());
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
    }

    @Test
    void theCandidateGroupMayWorkOnTheTaskNotUpdateIt() throws Exception {
        var taskId = newTask("contact@alizes.example", "970100012");

        var rows = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
                .groupIdIn(REVIEWERS).list();

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
            assertThat(row.isPermissionGranted(Permissions.UPDATE)).isFalse();
        });
    }

    @Test
    void aTaskCreatedBeforeTaskWorkIsUpgradedAtStart() throws Exception {
        var taskId = newTask("contact@ancienne.example", "970100013");
        // the row the engine wrote for the candidate group before TASK_WORK was the default: READ and UPDATE
        var row = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
                .groupIdIn(REVIEWERS).singleResult();
        row.removePermission(TaskPermissions.TASK_WORK);
        row.addPermission(Permissions.UPDATE);
        authorizations.saveAuthorization(row);
        assertThat(put("/engine-rest/task/" + taskId, "{\"name\": \"Renommée\"}", reviewer()).statusCode())
                .as("before the upgrade, UPDATE lets the candidate rename the task").isEqualTo(204);

        assertThat(upgrade.upgrade()).isEqualTo(1);

        var upgraded = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
                .groupIdIn(REVIEWERS).singleResult();
        assertThat(upgraded.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
        assertThat(upgraded.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(upgraded.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(put("/engine-rest/task/" + taskId, "{\"name\": \"Renommée encore\"}", reviewer()).statusCode()).isEqualTo(403);
        assertThat(upgrade.upgrade()).isZero();
    }

    @Test
    void aReviewerSeesTheSharedFilterNotTheOnesAnAdministratorMadeForOthers() throws Exception {
        var listed = api().get("/engine-rest/filter", reviewer());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        var names = new ArrayList<String>();
        json.readTree(listed.body()).forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).contains(SHARED_FILTER).doesNotContain(PRIVATE_FILTER);

        assertThat(api().get("/engine-rest/filter/" + privateFilterId, reviewer()).statusCode()).isEqualTo(403);
        assertThat(api().get("/engine-rest/filter/" + privateFilterId + "/list", reviewer()).statusCode()).isEqualTo(403);
        assertThat(api().get("/engine-rest/filter/" + privateFilterId, admin()).statusCode()).isEqualTo(200);
    }

    /** A new dossier's admissibility task, as the reviewer finds it. */
    private String newTask(String email, String finess) throws Exception {
        var submitted = api().post("/api/campaigns/" + CAMPAIGN + "/applications", """
                {"organisation": {"name": "Association %1$s", "contactEmail": "%1$s"},
                 "project": {"title": "Dossier usager informatisé", "description": "Acquisition d'un DUI."},
                 "publicType": "PA", "projectType": "ACQUISITION", "managingOrganisationSize": "MOYEN_GRAND",
                 "managingOrganisationCount": 1, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [
                   {"finess": "%2$s", "name": "EHPAD n°1", "region": "Guadeloupe", "size": "MOYEN_GRAND", "medicalised": true}]}"""
                .formatted(email, finess), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var number = json.readTree(submitted.body()).get("dossierNumber").asText();
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode found = json.readTree(api().get("/engine-rest/task?processInstanceBusinessKey=" + number
                    + "&taskDefinitionKey=" + VERIFY, reviewer()).body());
            return found.size() == 1 ? found.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    private HttpResponse<String> put(String path, String body, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Api api() {
        return new Api(port);
    }

    private static String admin() {
        return Api.basic(ADMIN, ADMIN_PASSWORD);
    }

    private static String reviewer() {
        return Api.basic(REVIEWER, REVIEWER);
    }
}
