package fr.instruire.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.EsmsNumerique;
import fr.instruire.support.Staff;

/**
 * A committee's list is computed from the tables when its task's form is read, never stored in the campaign's
 * instance (issue 19): instructing a dossier writes no variable of the campaign; a sitting opened before a dossier is
 * instructed shows it the next time a committee member reads the form over {@code /engine-rest}, as Tasklist does
 * ({@code GET task/{id}/form-variables?deserializeValues=false}); the last sitting cannot leave it out; a forged row is
 * refused though no list is stored to compare it with. And a decision row's other fields in the step's deployed form
 * (here a test version of the sitting's form with a rate, an amount and a yes/no: {@code committee-row-fields/}) reach
 * the dossier as facts, without Java.
 */
@ApplicationIT
class SelectionListsOnReadIT {

    static final String CAMPAIGN = "esms-liste-a-la-lecture";
    static final String ROW_FIELDS_CAMPAIGN = "esms-champs-de-ligne";
    static final String REVIEWER = "instructeur.lecture";
    static final String COMMITTEE = "comite.lecture";
    static final String ROW_FIELDS_COMMITTEE = "comite.champs";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "selection_on_read");
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
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    Dossiers dossiers;
    @Autowired
    DossierFacts facts;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    String campaignInstance;
    String sitting;

    /** The campaign's selection opened yesterday: its first sitting is open before any dossier is instructed. */
    @BeforeAll
    void aCampaignWithASittingOpen() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = api().post("/api/campaigns", EsmsNumerique.campaign(CAMPAIGN, "Guadeloupe", "LEC",
                "instructeurs-lecture", "comite-lecture", today), Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Staff.user(identity, REVIEWER, "instructeurs-lecture");
        Staff.user(identity, COMMITTEE, "comite-lecture");
        sitting = awaitTask(COMMITTEE, CAMPAIGN, "Activity_TenirSeanceComite");
        campaignInstance = tasks.createTaskQuery().taskId(sitting).singleResult().getProcessInstanceId();
        assertThat(dossiers.inCampaign(CAMPAIGN, fr.instruire.dossier.DossierStatus.INSTRUCTED)).isEmpty();
    }

    @Test
    void instructingADossierWritesNoVariableOfItsCampaignsInstance() throws Exception {
        var number = submit(CAMPAIGN, "ecriture@lecture.example");
        recevable(number);
        var instruction = awaitTask(REVIEWER, number, "Activity_InstruireDossier");
        var revisions = revisionsOfVariables(campaignInstance);
        var historicVariables = history.createHistoricVariableInstanceQuery().processInstanceId(campaignInstance).count();
        var variables = runtime.getVariables(campaignInstance);

        var done = complete(REVIEWER, instruction, EsmsNumerique.marks());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));

        // a variable rewritten, even with the same value, raises its row's revision
        assertThat(revisionsOfVariables(campaignInstance)).as("variable writes of the campaign's instance").isEqualTo(revisions);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(campaignInstance).count()).isEqualTo(historicVariables);
        assertThat(runtime.getVariables(campaignInstance)).isEqualTo(variables)
                .doesNotContainKeys("committeeList", "committeeDecisions", "committeeListSize");
        // and yet the sitting shows it
        assertThat(formVariables(COMMITTEE, sitting).get("committeeList").get("value").asText()).contains(number);
    }

    @Test
    void aSittingOpenedBeforeADossierIsInstructedShowsItAndTheLastSittingCannotLeaveItOut() throws Exception {
        var number = submit(CAMPAIGN, "tardif@lecture.example");
        recevable(number);
        var readBefore = json.readTree(formVariables(COMMITTEE, sitting).get("committeeDecisions").get("value").asText());
        assertThat(readBefore.toString()).doesNotContain(number);
        instruct(number);

        // what Tasklist reads for the form: JSON values, the dossier on the list and a decision row for it
        var form = formVariables(COMMITTEE, sitting);
        assertThat(form.get("committeeList").get("type").asText()).isEqualTo("Json");
        assertThat(form.get("committeeDecisions").get("type").asText()).isEqualTo("Json");
        var list = json.readTree(form.get("committeeList").get("value").asText());
        assertThat(list).anySatisfy(row -> {
            assertThat(row.get("dossierNumber").asText()).isEqualTo(number);
            assertThat(row.get("score").asInt()).isEqualTo(18);
            assertThat(row.get("grantAmount").asLong()).isEqualTo(250_000L);
        });
        var rows = json.readTree(form.get("committeeDecisions").get("value").asText());
        assertThat(rows).anySatisfy(row -> assertThat(row)
                .isEqualTo(json.valueToTree(Map.of("dossierNumber", number, "decision", "", "reason", ""))));
        assertThat(form.get("committeeListSize").get("value").asInt()).isEqualTo(list.size());
        // the same through the task's variables, one by one, and the Java API; never as the task's local variables
        var one = api().get("/engine-rest/task/" + sitting + "/variables/committeeList?deserializeValue=false", auth(COMMITTEE));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json.readTree(one.body()).get("value").asText()).contains(number);
        var all = json.readTree(api().get("/engine-rest/task/" + sitting + "/variables", auth(COMMITTEE)).body());
        assertThat(all.has("committeeDecisions")).isTrue();
        var local = json.readTree(api().get("/engine-rest/task/" + sitting + "/localVariables", auth(COMMITTEE)).body());
        assertThat(local.has("committeeList")).isFalse();
        assertThat(tasks.getVariable(sitting, "committeeList").toString()).contains(number);
        assertThat(runtime.getVariables(campaignInstance)).doesNotContainKeys("committeeList", "committeeDecisions");

        // the last sitting decided on the list read before: the contract counts the rows the server has now
        var stale = new ArrayList<Map<String, Object>>();
        readBefore.forEach(row -> stale.add(Map.of("dossierNumber", row.get("dossierNumber").asText(), "decision", "RETENU", "reason", "")));
        var refused = complete(COMMITTEE, sitting, Map.of("lastSitting", typed(true, "Boolean"),
                "committeeDecisions", typed(json.writeValueAsString(stale), "Json")));
        assertRefused(refused, "lignes préparées par le serveur");
        // the server's own call, which no form contract limits: the sitting's listener checks the tables
        assertThatThrownBy(() -> tasks.complete(sitting, Map.of("lastSitting", true,
                "committeeDecisions", SpinValues.jsonValue(json.writeValueAsString(stale)).create())))
                .hasStackTraceContaining("la dernière séance doit statuer sur le dossier " + number);
        assertThat(tasks.createTaskQuery().taskId(sitting).count()).isEqualTo(1);
        assertThat(statusOf(number)).isEqualTo("INSTRUCTED");
    }

    @Test
    void aForgedRowIsRefusedThoughNoListIsStored() throws Exception {
        for (var email : List.of("premier@lecture.example", "second@lecture.example")) {
            var number = submit(CAMPAIGN, email);
            recevable(number);
            instruct(number);
        }
        assertThat(runtime.getVariables(campaignInstance)).doesNotContainKeys("committeeList", "committeeDecisions");
        var rows = json.readTree(formVariables(COMMITTEE, sitting).get("committeeDecisions").get("value").asText());
        assertThat(rows.size()).isGreaterThanOrEqualTo(2);
        var first = rows.get(0).get("dossierNumber").asText();
        var second = rows.get(1).get("dossierNumber").asText();

        // a dossier that is not on the list, in place of the first
        var foreign = adjourned(rows);
        foreign.get(0).put("dossierNumber", "LEC-2099-9999");
        assertRefused(complete(COMMITTEE, sitting, Map.of("committeeDecisions", jsonVariable(foreign))),
                "« Décisions du comité », ligne 1, « Dossier » est en lecture seule");
        // the first two rows' dossiers swapped: read-only cells changed
        var swapped = adjourned(rows);
        swapped.get(0).put("dossierNumber", second);
        swapped.get(1).put("dossierNumber", first);
        assertRefused(complete(COMMITTEE, sitting, Map.of("committeeDecisions", jsonVariable(swapped))),
                "« Décisions du comité », ligne 1, « Dossier » est en lecture seule");
        // a cell the form does not show, sent with a value of the user's own
        var scored = adjourned(rows);
        scored.get(1).put("score", 25);
        var scoredRefusal = complete(COMMITTEE, sitting, Map.of("committeeDecisions", jsonVariable(scored)));
        assertRefused(scoredRefusal, "« Décisions du comité », ligne 2, « score » n'est pas un champ du formulaire de cette tâche");
        // only the forged cell: the rows as read pass the contract against the list computed now
        assertThat(scoredRefusal.body()).doesNotContain("ligne 1").doesNotContain("lignes préparées");
        // a row added
        var added = adjourned(rows);
        added.add(new LinkedHashMap<>(Map.of("dossierNumber", first, "decision", "NON_RETENU", "reason", "Deux fois")));
        assertRefused(complete(COMMITTEE, sitting, Map.of("committeeDecisions", jsonVariable(added))),
                "lignes préparées par le serveur");
        assertThat(tasks.createTaskQuery().taskId(sitting).count()).isEqualTo(1);
        assertThat(statusOf(first)).isEqualTo("INSTRUCTED");
        assertThat(statusOf(second)).isEqualTo("INSTRUCTED");
        assertThat(runtime.getVariables(campaignInstance)).doesNotContainKeys("committeeDecisions");
    }

    @Test
    void aDecisionRowsOtherFieldsInTheStepsFormReachTheDossierAsFacts() throws Exception {
        // a call whose sitting's form gives each decision a rate, an amount and a yes/no: only the deployed form differs
        var deployment = repository.createDeployment().name("committee-row-fields")
                .addClasspathResource("bpmn/esms-numerique/esms-numerique-campaign.bpmn")
                .addClasspathResource("committee-row-fields/esms-numerique-seance-comite.form")
                .deploy();
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = api().post("/api/campaigns", EsmsNumerique.campaign(ROW_FIELDS_CAMPAIGN, "Guadeloupe", "CHL",
                "instructeurs-lecture", "comite-champs", today), Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Staff.user(identity, ROW_FIELDS_COMMITTEE, "comite-champs");
        var retained = submit(ROW_FIELDS_CAMPAIGN, "retenu@champs.example");
        var refusedOne = submit(ROW_FIELDS_CAMPAIGN, "non-retenu@champs.example");
        for (var number : List.of(retained, refusedOne)) {
            recevable(number);
            instruct(number);
        }
        var task = awaitTask(ROW_FIELDS_COMMITTEE, ROW_FIELDS_CAMPAIGN, "Activity_TenirSeanceComite");
        assertThat(repository.getProcessDefinition(tasks.createTaskQuery().taskId(task).singleResult().getProcessDefinitionId())
                .getDeploymentId()).isEqualTo(deployment.getId());
        var rows = json.readTree(formVariables(ROW_FIELDS_COMMITTEE, task).get("committeeDecisions").get("value").asText());
        var decided = new ArrayList<Map<String, Object>>();
        for (var row : rows) {
            var number = row.get("dossierNumber").asText();
            var decision = new LinkedHashMap<String, Object>(Map.of("dossierNumber", number));
            if (number.equals(retained)) {
                decision.putAll(Map.of("decision", "RETENU", "reason", "Projet prioritaire", "interventionRate", 37.5,
                        "grantedAmount", 120_000, "regionalCofunding", true));
            } else {
                decision.putAll(Map.of("decision", "NON_RETENU", "reason", "Hors périmètre", "regionalCofunding", false));
            }
            decided.add(decision);
        }

        // the form's bounds and types hold for these fields as for any other
        var tooHigh = new ArrayList<Map<String, Object>>();
        decided.forEach(d -> tooHigh.add(d.get("dossierNumber").equals(retained) ? with(d, "interventionRate", 150) : d));
        assertRefused(complete(ROW_FIELDS_COMMITTEE, task, Map.of("lastSitting", typed(true, "Boolean"),
                "committeeDecisions", typed(json.writeValueAsString(tooHigh), "Json"))),
                "« Taux d'intervention (%) » doit être compris entre 0 et 100");
        var notANumber = new ArrayList<Map<String, Object>>();
        decided.forEach(d -> notANumber.add(d.get("dossierNumber").equals(retained) ? with(d, "grantedAmount", "beaucoup") : d));
        assertRefused(complete(ROW_FIELDS_COMMITTEE, task, Map.of("lastSitting", typed(true, "Boolean"),
                "committeeDecisions", typed(json.writeValueAsString(notANumber), "Json"))),
                "« Montant accordé (€) » attend un nombre");

        var done = complete(ROW_FIELDS_COMMITTEE, task, Map.of("lastSitting", typed(true, "Boolean"),
                "committeeDecisions", typed(json.writeValueAsString(decided), "Json")));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SELECTED".equals(statusOf(retained))
                && "NOT_SELECTED".equals(statusOf(refusedOne)));

        assertThat(facts.of(retained)).containsEntry("interventionRate", 37.5).containsEntry("grantedAmount", 120_000L)
                .containsEntry("regionalCofunding", true);
        assertThat(facts.of(refusedOne)).containsEntry("regionalCofunding", false)
                .doesNotContainKeys("interventionRate", "grantedAmount");
        assertThat(dossiers.history(retained)).anySatisfy(e -> assertThat(e.detail()).isEqualTo("Retenu — Projet prioritaire "
                + "(Taux d'intervention (%) : 37.5 ; Montant accordé (€) : 120000 ; Cofinancement régional : oui)"));
    }

    // --- what the users do ---

    static Map<String, Object> with(Map<String, Object> row, String key, Object value) {
        var changed = new LinkedHashMap<>(row);
        changed.put(key, value);
        return changed;
    }

    /** The rows as read, each adjourned. */
    static List<Map<String, Object>> adjourned(JsonNode rows) {
        var decisions = new ArrayList<Map<String, Object>>();
        rows.forEach(row -> decisions.add(new LinkedHashMap<>(Map.of("dossierNumber", row.get("dossierNumber").asText(),
                "decision", "AJOURNE", "reason", ""))));
        return decisions;
    }

    Map<String, Object> jsonVariable(Object value) throws Exception {
        return typed(json.writeValueAsString(value), "Json");
    }

    JsonNode formVariables(String user, String task) throws Exception {
        var response = api().get("/engine-rest/task/" + task + "/form-variables?deserializeValues=false", auth(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    String submit(String campaign, String email) throws Exception {
        var finessPrefix = "97%05d".formatted(Math.abs(email.hashCode()) % 100_000);
        var submitted = api().post("/api/campaigns/" + campaign + "/applications",
                EsmsNumerique.application(email, "Guadeloupe", finessPrefix), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("dossierNumber").asText();
    }

    void recevable(String number) throws Exception {
        var done = complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite"), Map.of(
                "recevabiliteDecision", typed("RECEVABLE", "String"), "recevabiliteComment", typed("Dossier complet", "String")));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    void instruct(String number) throws Exception {
        var done = complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_InstruireDossier"), EsmsNumerique.marks());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
    }

    HttpResponse<String> complete(String user, String task, Map<String, Object> variables) throws Exception {
        if (tasks.createTaskQuery().taskId(task).taskAssignee(user).count() == 0) {
            var claim = api().post("/engine-rest/task/" + task + "/claim", "{\"userId\": \"" + user + "\"}", auth(user));
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
        }
        return api().post("/engine-rest/task/" + task + "/complete", json.writeValueAsString(Map.of("variables", variables)), auth(user));
    }

    void assertRefused(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText()).contains(message);
    }

    String awaitTask(String user, String businessKey, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var found = json.readTree(api().get("/engine-rest/task?processInstanceBusinessKey=" + businessKey
                    + "&taskDefinitionKey=" + taskKey, auth(user)).body());
            return found.size() == 1 ? found.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    String statusOf(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single();
    }

    static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    static String auth(String user) {
        return Api.basic(user, user);
    }

    Api api() {
        return new Api(port);
    }

    /** Each runtime variable of the instance with its row's revision: one more at each write. */
    java.util.Map<String, Integer> revisionsOfVariables(String instance) {
        var revisions = new java.util.TreeMap<String, Integer>();
        jdbc.sql("SELECT COALESCE(execution_id_, task_id_) || ' ' || name_, rev_ FROM act_ru_variable WHERE proc_inst_id_ = ?").param(instance)
                .query(rs -> { revisions.put(rs.getString(1), rs.getInt(2)); });
        return revisions;
    }
}
