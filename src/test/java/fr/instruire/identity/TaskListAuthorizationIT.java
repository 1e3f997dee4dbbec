package fr.instruire.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
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
import fr.instruire.support.Staff;

/**
 * Tasklist's queries on PostgreSQL — the shared filter's list and count, the list of filters with their counts, the task
 * query of /engine-rest — with the authorization check rewritten ({@link TaskQueryAuthorizationCheck}): each reviewer
 * sees their region's tasks and no other, a committee member none of the reviewers', someone in no team none, an
 * administrator all; a task claimed is listed once; another region's task cannot be read or claimed.
 */
@ApplicationIT
class TaskListAuthorizationIT {

    static final String GUADELOUPE = "esms-liste-guadeloupe";
    static final String MARTINIQUE = "esms-liste-martinique";
    static final String GP = "instructeur.liste.gp";
    static final String MQ = "instructeur.liste.mq";
    static final String COMMITTEE = "comite.liste.gp";
    static final String NOBODY = "sans.equipe";
    static final String SORTED = "{\"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}], \"active\": true}";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "tasklist");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    final List<String> guadeloupeans = new ArrayList<>();
    final List<String> martinicans = new ArrayList<>();
    String filter;

    @BeforeAll
    void twoRegionsWithTheirDossiers() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        for (var region : List.of("Guadeloupe", "Martinique")) {
            var suffix = region.toLowerCase();
            var created = api().post("/api/campaigns", EsmsNumerique.campaign(region.equals("Guadeloupe") ? GUADELOUPE : MARTINIQUE,
                    region, region.equals("Guadeloupe") ? "LGP" : "LMQ", "instructeurs-" + suffix, "comite-" + suffix, today),
                    Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        Staff.user(identity, GP, "instructeurs-guadeloupe");
        Staff.user(identity, MQ, "instructeurs-martinique");
        Staff.user(identity, COMMITTEE, "comite-guadeloupe");
        Staff.user(identity, NOBODY);
        for (int i = 0; i < 3; i++) {
            guadeloupeans.add(submit(GUADELOUPE, "Guadeloupe", "liste" + i + "@guadeloupe.example"));
        }
        for (int i = 0; i < 2; i++) {
            martinicans.add(submit(MARTINIQUE, "Martinique", "liste" + i + "@martinique.example"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ ="
                + " 'Activity_VerifierRecevabilite'").query(Long.class).single() == 5);
        filter = json.readTree(api().get("/engine-rest/filter?resourceType=Task", auth(GP)).body()).get(0).get("id").asText();
    }

    @Test
    void eachReviewerSeesTheirRegionsTasksOnlyThroughTheRewrittenCheck() throws Exception {
        long before = TaskQueryAuthorizationCheck.REWRITTEN.get();
        assertThat(businessKeys(GP)).containsExactlyInAnyOrderElementsOf(guadeloupeans);
        assertThat(businessKeys(MQ)).containsExactlyInAnyOrderElementsOf(martinicans);
        assertThat(count(GP)).isEqualTo(3);
        assertThat(count(MQ)).isEqualTo(2);
        assertThat(businessKeys(COMMITTEE)).as("the committee's own sitting, none of the reviewers' tasks")
                .containsExactly(GUADELOUPE);
        assertThat(api().get("/engine-rest/filter/" + filter + "/count", auth(NOBODY)).statusCode()).isEqualTo(403);
        assertThat(json.readTree(api().get("/engine-rest/task/count", auth(NOBODY)).body()).get("count").asLong())
                .as("someone in no team sees no task").isZero();
        assertThat(count(ApplicationIT.ADMIN)).as("an administrator sees every task").isGreaterThanOrEqualTo(7);
        var filters = json.readTree(api().get("/engine-rest/filter?resourceType=Task&itemCount=true", auth(MQ)).body());
        assertThat(filters.get(0).get("itemCount").asLong()).isEqualTo(2);
        var query = json.readTree(api().get("/engine-rest/task?taskDefinitionKey=Activity_VerifierRecevabilite", auth(GP)).body());
        assertThat(query.size()).isEqualTo(3);
        assertThat(TaskQueryAuthorizationCheck.REWRITTEN.get()).as("the lateral check ran on PostgreSQL").isGreaterThan(before);
    }

    @Test
    void aClaimedTaskIsListedOnceAndAnotherRegionsTaskStaysOutOfReach() throws Exception {
        var own = taskOf(GP, guadeloupeans.get(0));
        var claim = api().post("/engine-rest/task/" + own + "/claim", "{\"userId\": \"" + GP + "\"}", auth(GP));
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
        assertThat(businessKeys(GP)).as("candidate and assignee: one line").hasSize(3);
        assertThat(count(GP)).isEqualTo(3);

        var martinican = taskOf(MQ, martinicans.get(0));
        assertThat(api().get("/engine-rest/task/" + martinican, auth(GP)).statusCode()).isIn(403, 404);
        assertThat(api().post("/engine-rest/task/" + martinican + "/claim", "{\"userId\": \"" + GP + "\"}", auth(GP))
                .statusCode()).isIn(403, 404);
        assertThat(businessKeys(MQ)).hasSize(2);
    }

    List<String> businessKeys(String user) throws Exception {
        var response = api().post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", SORTED, auth(user),
                "Accept", "application/hal+json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var keys = new ArrayList<String>();
        for (JsonNode task : json.readTree(response.body()).path("_embedded").path("task")) {
            var instance = task.get("processInstanceId").asText();
            keys.add(jdbc.sql("SELECT business_key_ FROM act_ru_execution WHERE id_ = ?").param(instance).query(String.class).single());
        }
        return keys;
    }

    long count(String user) throws Exception {
        var response = api().post("/engine-rest/filter/" + filter + "/count", SORTED, auth(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("count").asLong();
    }

    String taskOf(String user, String number) throws Exception {
        var found = json.readTree(api().get("/engine-rest/task?processInstanceBusinessKey=" + number, auth(user)).body());
        assertThat(found.size()).isEqualTo(1);
        return found.get(0).get("id").asText();
    }

    String submit(String campaign, String region, String email) throws Exception {
        var finessPrefix = "97%05d".formatted(Math.abs(email.hashCode()) % 100_000);
        var submitted = api().post("/api/campaigns/" + campaign + "/applications",
                EsmsNumerique.application(email, region, finessPrefix), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("dossierNumber").asText();
    }

    static String auth(String user) {
        return user.equals(ApplicationIT.ADMIN) ? Api.basic(user, ApplicationIT.ADMIN_PASSWORD) : Api.basic(user, user);
    }

    Api api() {
        return new Api(port);
    }
}
