package fr.instruire.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static fr.instruire.support.EngineRestTasks.typed;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.Browser;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.EngineRestTasks;
import fr.instruire.support.RequiresBrowser;
import fr.instruire.support.Staff;

/**
 * The managers' figures against dossiers this test takes through the real application (HTTP, PostgreSQL, the engine):
 * four dossiers of a Guadeloupe campaign — one only filed, one selected with its convention signed and its first
 * tranche paid, one not selected (with an ESMS in Martinique, for the public of people with disabilities), one in
 * instruction with a task past its due date and an incident — and a second campaign with managers of its own. Every
 * figure of the campaign view is checked, then the restricted view (the other campaign's managers see neither these
 * figures nor this campaign), then what Cockpit shows a manager in a real browser.
 */
@ApplicationIT
class CampaignDashboardIT {

    static final String CAMPAIGN = "esms-numerique-it-pilotage";
    static final String OTHER = "esms-numerique-it-pilotage-autre";
    static final String REVIEWER = "instructeur.pilotage";
    static final String COMMITTEE = "comite.pilotage";
    static final String FINANCE = "finance.pilotage";
    static final String MANAGER = "pilotage.guadeloupe-it";
    static final String OTHER_MANAGER = "pilotage.autre-it";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "dashboard");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizations;

    final ObjectMapper json = new ObjectMapper();
    String filed;
    String selected;
    String notSelected;
    String inInstruction;
    String overdueTask;

    @BeforeAll
    void aCampaignWithDossiersAtEveryStage() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        open(CAMPAIGN, "PIL", "instructeurs-pilotage", "comite-pilotage", "pilotage-it-guadeloupe", today);
        open(OTHER, "PAU", "instructeurs-pilotage-autre", "comite-pilotage-autre", "pilotage-it-autre", today);
        Staff.user(identity, REVIEWER, "instructeurs-pilotage");
        Staff.user(identity, COMMITTEE, "comite-pilotage");
        Staff.user(identity, FINANCE, "esms-numerique-finance");
        Staff.user(identity, MANAGER, "pilotage-it-guadeloupe");
        Staff.user(identity, OTHER_MANAGER, "pilotage-it-autre");

        filed = submit(CAMPAIGN, application("depot@pilotage.example", "PA", false));
        selected = submit(CAMPAIGN, application("retenu@pilotage.example", "PA", false));
        notSelected = submit(CAMPAIGN, application("non-retenu@pilotage.example", "PH", true));
        inInstruction = submit(CAMPAIGN, application("instruction@pilotage.example", "PA", false));
        submit(OTHER, application("autre@pilotage.example", "PA", false));

        for (var number : List.of(selected, notSelected, inInstruction)) {
            complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite"),
                    Map.of("recevabiliteDecision", typed("RECEVABLE", "String")));
        }
        for (var number : List.of(selected, notSelected)) {
            complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_InstruireDossier"), Map.of(
                    "scoreMotivation", typed(4, "Integer"), "scorePerimetreFonctionnel", typed(4, "Integer"),
                    "scoreMutualisation", typed(3, "Integer"), "scoreInteroperabilite", typed(5, "Integer"),
                    "scorePlateformeRegionale", typed(2, "Integer"), "instructionComment", typed("Avis.", "String")));
            await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
        }
        // not the last sitting: the dossier still in instruction stays in the running (closePendingDossiers)
        complete(COMMITTEE, awaitTask(COMMITTEE, CAMPAIGN, "Activity_TenirSeanceComite"), Map.of(
                "committeeDecisions", typed(json.writeValueAsString(List.of(
                        Map.of("dossierNumber", selected, "decision", "RETENU", "reason", "Projet prioritaire"),
                        Map.of("dossierNumber", notSelected, "decision", "NON_RETENU", "reason", "Projet moins mûr"))), "Json"),
                "lastSitting", typed(false, "Boolean")));
        complete(REVIEWER, awaitTask(REVIEWER, selected, "Activity_SignerConvention"),
                Map.of("conventionSignedOn", typed(LocalDate.now().toString(), "String")));
        complete(REVIEWER, awaitTask(REVIEWER, selected, "Activity_LibererTranche"),
                Map.of("trancheEvidence", typed("Convention signée", "String")));
        complete(FINANCE, awaitTask(FINANCE, selected, "Activity_MettreEnPaiement"),
                Map.of("paymentReference", typed("Mandat 2026-0001", "String")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "NOT_SELECTED".equals(statusOf(notSelected)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT paid_amount FROM dossier_funding WHERE dossier_number = ?").param(selected).query(Long.class).single() > 0);

        // the two instructions took 4 and 10 days: their entry into instruction moved back (the rest is as it happened)
        enteredInstructionDaysAgo(selected, 4);
        enteredInstructionDaysAgo(notSelected, 10);
        // the reviewer's task on the dossier in instruction was due yesterday; a step of the same dossier failed
        overdueTask = awaitTask(REVIEWER, inInstruction, "Activity_InstruireDossier");
        var task = tasks.createTaskQuery().taskId(overdueTask).singleResult();
        task.setDueDate(Date.from(Instant.now().minus(Duration.ofDays(1))));
        tasks.saveTask(task);
        runtime.createIncident("instruire-essai", task.getExecutionId(), "configuration", "Serveur de documents injoignable");
    }

    @Test
    void theCampaignsFiguresAreTheDossiersOfTheCampaign() throws Exception {
        var body = get("/api/dashboard/campaigns/" + CAMPAIGN, MANAGER);
        assertThat(body.at("/viewer/processOwner").asBoolean()).isFalse();
        var figures = body.get("figures");
        assertThat(figures.at("/campaign/dossiers").asLong()).isEqualTo(4);

        assertThat(stages(figures)).containsExactly(
                Map.entry("DEPOSES", 4L), Map.entry("RECEVABLES", 3L), Map.entry("INSTRUITS", 2L), Map.entry("DECIDES", 2L),
                Map.entry("RETENUS", 1L), Map.entry("CONVENTIONNES", 1L), Map.entry("PAYES", 1L));
        assertThat(counts(figures.get("byStatus"))).containsEntry("SUBMITTED", 1L).containsEntry("UNDER_INSTRUCTION", 1L)
                .containsEntry("NOT_SELECTED", 1L).containsEntry("CONVENTION_SIGNED", 1L).containsEntry("INSTRUCTED", 0L);
        assertThat(counts(figures.get("byStatus")).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
        assertThat(label(figures.get("byStatus"), "CONVENTION_SIGNED")).isEqualTo("Convention signée, paramétrage en cours");
        // a dossier with an ESMS in Martinique counts in both regions
        assertThat(counts(figures.get("byRegion"))).containsExactly(Map.entry("Guadeloupe", 4L), Map.entry("Martinique", 1L));
        assertThat(counts(figures.get("byPublic"))).containsExactly(Map.entry("PA", 3L), Map.entry("PH", 1L));
        assertThat(label(figures.get("byPublic"), "PH")).isEqualTo("Personnes en situation de handicap (PH)");

        // 4 and 10 days: the median 7, the 90th percentile 4 + 0.9 × 6
        assertThat(figures.at("/instruction/finished").asLong()).isEqualTo(2);
        assertThat(figures.at("/instruction/medianDays").asDouble()).isEqualTo(7.0);
        assertThat(figures.at("/instruction/p90Days").asDouble()).isEqualTo(9.4);
        assertThat(figures.at("/instruction/ongoing").asLong()).isEqualTo(1);

        // 250 000 € computed for each instructed project of ten ESMS; granted to the selected one; its 40 % paid
        assertThat(figures.at("/money/envelope").asLong()).isEqualTo(2_000_000);
        assertThat(figures.at("/money/requestedComputed").asBoolean()).isTrue();
        assertThat(figures.at("/money/requested").asLong()).isEqualTo(500_000);
        assertThat(figures.at("/money/granted").asLong()).isEqualTo(250_000);
        assertThat(figures.at("/money/released").asLong()).isEqualTo(100_000);
        assertThat(figures.at("/money/paid").asLong()).isEqualTo(100_000);

        // the reviewers: the recevabilité still to check and the instruction (overdue); none for the other teams
        var teams = new java.util.LinkedHashMap<String, JsonNode>();
        figures.get("teams").forEach(t -> teams.put(t.get("group").asText(), t));
        assertThat(teams.get("instructeurs-pilotage").get("open").asLong()).isEqualTo(2);
        assertThat(teams.get("instructeurs-pilotage").get("overdue").asLong()).isEqualTo(1);
        assertThat(teams.keySet()).doesNotContain("instructeurs-pilotage-autre");
        // the same counts as the engine's own task query on the campaign's dossiers
        assertThat(tasks.createTaskQuery().taskCandidateGroup("instructeurs-pilotage")
                .processInstanceBusinessKeyIn(filed, selected, notSelected, inInstruction, CAMPAIGN).count()).isEqualTo(2);

        assertThat(figures.get("incidentCount").asInt()).isEqualTo(1);
        assertThat(figures.at("/incidents/0/dossier").asText()).isEqualTo(inInstruction);
        assertThat(figures.at("/incidents/0/message").asText()).isEqualTo("Serveur de documents injoignable");

        // the dashboard's list carries the same figures
        var list = get("/api/dashboard/campaigns", MANAGER).get("campaigns");
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(figures);
    }

    @Test
    void aManagerSeesOnlyTheCampaignsThatNameTheirGroup() throws Exception {
        var theirs = get("/api/dashboard/campaigns", OTHER_MANAGER).get("campaigns");
        assertThat(theirs).hasSize(1);
        assertThat(theirs.get(0).at("/campaign/key").asText()).isEqualTo(OTHER);
        assertThat(stages(theirs.get(0))).containsEntry("DEPOSES", 1L).containsEntry("RECEVABLES", 0L);
        assertThat(theirs.get(0).get("incidentCount").asInt()).isZero();

        var refused = api().get("/api/dashboard/campaigns/" + CAMPAIGN, Api.basic(OTHER_MANAGER, OTHER_MANAGER));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("relève d'une autre équipe");
        assertThat(api().get("/api/dashboard/campaigns/inconnue", Api.basic(MANAGER, MANAGER)).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/dashboard/campaigns", null).statusCode()).isEqualTo(401);
        // a reviewer of the campaign sees it; an administrator sees both, and may simulate a changed decision
        assertThat(get("/api/dashboard/campaigns", REVIEWER).get("campaigns")).hasSize(1);
        var admin = json.readTree(api().get("/api/dashboard/campaigns", Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD)).body());
        assertThat(admin.at("/viewer/processOwner").asBoolean()).isTrue();
        assertThat(admin.get("campaigns").findValuesAsText("key")).contains(CAMPAIGN, OTHER);
        // the managers' group was given Cockpit when the campaign named it
        assertThat(identity.createGroupQuery().groupId("pilotage-it-guadeloupe").singleResult().getName()).startsWith("Pilotage");
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("pilotage-it-guadeloupe")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION).resourceId("cockpit").list())
                .anySatisfy(a -> assertThat(a.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.ACCESS)).isTrue());
    }

    @Test
    @RequiresBrowser
    void aManagerReadsTheFiguresInCockpit() throws Exception {
        try (var browser = new Browser("http://localhost:" + port)) {
            browser.signInToCockpit(MANAGER, MANAGER);

            // the dashboard's « Campagnes » section: this campaign only, its line's figures
            var line = browser.await(By.cssSelector("[data-instruire='campaigns'] tr[data-campaign='" + CAMPAIGN + "']"));
            assertThat(line.findElement(By.cssSelector("[data-figure='dossiers']")).getText()).isEqualTo("4");
            assertThat(line.findElement(By.cssSelector("[data-figure='ongoing']")).getText()).isEqualTo("1");
            assertThat(line.findElement(By.cssSelector("[data-figure='selected']")).getText()).isEqualTo("1");
            assertThat(normal(line.findElement(By.cssSelector("[data-figure='granted']")).getText())).isEqualTo("250 000 €");
            assertThat(normal(line.findElement(By.cssSelector("[data-figure='paid']")).getText())).isEqualTo("100 000 €");
            assertThat(line.findElement(By.cssSelector("[data-figure='overdue']")).getText()).isEqualTo("1");
            assertThat(line.findElement(By.cssSelector("[data-figure='incidents']")).getText()).isEqualTo("1");
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-campaign='" + OTHER + "']"))).isEmpty();

            // the campaign's page, from the header's « Campagnes » then the campaign's link
            browser.awaitClickable(By.linkText("Campagnes"));
            browser.awaitClickable(By.cssSelector("tr[data-campaign='" + CAMPAIGN + "'] a"));
            browser.await(By.cssSelector("[data-figure='funnel-PAYES']"));
            assertThat(text(browser, "funnel-DEPOSES")).isEqualTo("4");
            assertThat(text(browser, "funnel-RECEVABLES")).isEqualTo("3");
            assertThat(text(browser, "funnel-RETENUS")).isEqualTo("1");
            assertThat(text(browser, "funnel-PAYES")).isEqualTo("1");
            assertThat(text(browser, "region-Martinique")).isEqualTo("1");
            assertThat(text(browser, "public-PH")).isEqualTo("1");
            assertThat(text(browser, "instruction-median")).isEqualTo("7 j");
            assertThat(text(browser, "instruction-p90")).isEqualTo("9,4 j");
            assertThat(normal(text(browser, "money-granted"))).isEqualTo("250 000 €");
            assertThat(text(browser, "team-overdue-instructeurs-pilotage")).isEqualTo("1");
            // below the fold of Cockpit's scrolled content: read as the page holds it
            assertThat(browser.driver().findElement(By.cssSelector("[data-instruire='incidents']")).getDomProperty("textContent"))
                    .contains("Serveur de documents injoignable", inInstruction);
            // a manager is no process owner: no what-if here
            assertThat(browser.driver().findElements(By.cssSelector("[data-instruire='what-if']"))).isEmpty();
            browser.screenshot("cockpit-campagne");
        }
    }

    /** A process owner, from the campaign's page in Cockpit, simulates a changed funding table before deploying it. */
    @Test
    @RequiresBrowser
    void aProcessOwnerSimulatesAChangedTableFromCockpit() throws Exception {
        // « dans la limite de 30 ESMS » brought down to 9: every project of this campaign has ten
        var table = java.nio.file.Files.readString(java.nio.file.Path.of("dmn/esms-numerique/esms-numerique-funding.dmn"));
        var changed = table.replace("25000 * min(esmsCount, 30)", "25000 * min(esmsCount, 9)");
        assertThat(changed).isNotEqualTo(table);
        var file = java.nio.file.Files.createTempFile("esms-numerique-funding-", ".dmn");
        java.nio.file.Files.writeString(file, changed);
        try (var browser = new Browser("http://localhost:" + port)) {
            browser.signInToCockpit(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD);
            browser.open("/camunda/app/cockpit/default/#/instruire/campagnes/" + CAMPAIGN);
            var input = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("[data-instruire='what-if-file']")));
            input.sendKeys(file.toString());
            // at the foot of Cockpit's scrolled content: brought into view, then clicked
            browser.click(browser.driver().findElement(By.cssSelector("[data-instruire='what-if-run']")));
            browser.until(d -> d.findElement(By.cssSelector("[data-instruire='what-if-result']"))
                    .getDomProperty("textContent").contains("évalué"));
            var result = browser.driver().findElement(By.cssSelector("[data-instruire='what-if-result']")).getDomProperty("textContent");
            assertThat(result).contains("« esms-numerique-funding »", "4 dossier(s) évalué(s), 4 dont le résultat changerait",
                    filed, selected, notSelected, inInstruction);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void open(String key, String prefix, String reviewers, String committee, String managers, LocalDate today) throws Exception {
        var created = api().post("/api/campaigns", """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — pilotage %s", "region": "Guadeloupe",
                 "timeZone": "America/Guadeloupe", "submissionOpens": "%s", "submissionCloses": "%s",
                 "selectionOpens": "%s", "selectionCloses": "%s", "budgetEnvelope": 2000000, "dossierPrefix": "%s",
                 "reviewerGroup": "%s", "committeeGroup": "%s", "variables": {"managerGroup": "%s"}}"""
                .formatted(key, prefix, today.minusDays(10), today.plusDays(10), today.minusDays(1), today.plusDays(40),
                        prefix, reviewers, committee, managers), Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Ten medium or large ESMS, the last one in Martinique when {@code martinique}. */
    private static String application(String email, String publicType, boolean martinique) {
        var esms = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            esms.append(i > 1 ? "," : "").append("""
                    {"finess": "97020%04d", "name": "Structure n°%d", "region": "%s", "size": "MOYEN_GRAND", "medicalised": true}"""
                    .formatted(i, i, martinique && i == 10 ? "Martinique" : "Guadeloupe"));
        }
        return """
                {"organisation": {"name": "Association %s", "contactEmail": "%s"},
                 "project": {"title": "Dossier usager informatisé", "description": "Acquisition d'un DUI."},
                 "publicType": "%s", "projectType": "ACQUISITION", "managingOrganisationSize": "MOYEN_GRAND",
                 "managingOrganisationCount": 1, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [%s]}""".formatted(email, email, publicType, esms);
    }

    private String submit(String campaign, String application) throws Exception {
        var submitted = api().post("/api/campaigns/" + campaign + "/applications", application, null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("dossierNumber").asText();
    }

    private void enteredInstructionDaysAgo(String number, int days) {
        var left = jdbc.sql("""
                SELECT MIN(changed_at) FROM dossier_status_change WHERE dossier_number = ? AND status = 'INSTRUCTED'""")
                .param(number).query(java.time.OffsetDateTime.class).single();
        assertThat(jdbc.sql("UPDATE dossier_status_change SET changed_at = ? WHERE dossier_number = ? AND status = 'UNDER_INSTRUCTION'")
                .params(left.minusDays(days), number).update()).isEqualTo(1);
    }

    private static Map<String, Long> stages(JsonNode figures) {
        var stages = new java.util.LinkedHashMap<String, Long>();
        figures.get("funnel").forEach(s -> stages.put(s.get("stage").asText(), s.get("dossiers").asLong()));
        return stages;
    }

    private static Map<String, Long> counts(JsonNode rows) {
        var counts = new java.util.LinkedHashMap<String, Long>();
        rows.forEach(r -> counts.put(r.get("value").asText(), r.get("dossiers").asLong()));
        return counts;
    }

    private static String label(JsonNode rows, String value) {
        for (var r : rows) {
            if (r.get("value").asText().equals(value)) {
                return r.get("label").asText();
            }
        }
        return null;
    }

    private static String text(Browser browser, String figure) {
        return browser.driver().findElement(By.cssSelector("[data-figure='" + figure + "']")).getDomProperty("textContent");
    }

    /** French numbers group thousands with a narrow no-break space. */
    private static String normal(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private JsonNode get(String path, String user) throws Exception {
        var response = api().get(path, Api.basic(user, user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String statusOf(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single();
    }

    private String awaitTask(String user, String businessKey, String taskKey) {
        return new EngineRestTasks(port).await(user, businessKey, taskKey);
    }

    private void complete(String user, String taskId, Map<String, Object> variables) throws Exception {
        var tasks = new EngineRestTasks(port);
        tasks.claim(user, taskId);
        tasks.completed(user, taskId, variables);
    }

    private Api api() {
        return new Api(port);
    }
}
