package fr.instruire;

import static fr.instruire.support.EngineRestTasks.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Api;
import fr.instruire.support.EngineRestTasks;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;
import fr.instruire.support.Staff;

/**
 * « Le numérique, en soutien aux organisations territoriales en santé en Centre-Val de Loire » ({@code cvl-numerique}),
 * a call that is files only, end to end: its decisions evaluated alone through {@code /engine-rest}, the demo's
 * candidatures taken by the API, and two projects from the API to the funders' committee — one selected at a rate
 * outside the indicative range, one not selected and offered the specific support — with the staff completing their
 * tasks over {@code /engine-rest} as themselves. The steps after the committee store the funding decision's outputs
 * with the platform's {@code recordFacts}: that part runs where the platform has it.
 */
@ApplicationIT
class CvlNumeriqueJourneyIT {

    static final String FINANCE = "finances.cvl";
    static final String CAMPAIGN = "cvl-numerique-it";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String REVIEWERS = "instructeurs-cvl";
    static final String COMMITTEE_GROUP = "comite-financeurs-cvl";
    static final String URPS_GROUP = "urps-cvl";
    static final String REVIEWER = "instructeur.cvl";
    static final String COMMITTEE = "comite.cvl";
    static final String URPS = "urps.cvl";
    static final String[] MARKS = {"scoreConformiteStrategies", "scoreArticulationPartenaires",
            "scoreArticulationTerritoire", "scoreLisibiliteObjectifs", "scoreAccesAuxSoins", "scoreDimensionCollective",
            "scoreCompositionCollectif", "scorePhasage", "scoreIndicateurs", "scoreDimensionInnovante",
            "scoreReproductibilite", "scoreVolumeUsages", "scorePlanFinancement"};

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "cvlnumerique");
    }

    @LocalServerPort
    int port;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;
    @Autowired ApplicationContext context;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaignAndAccounts() throws Exception {
        var today = LocalDate.now(PARIS);
        var created = post("/api/campaigns", """
                {"key": "%s", "callId": "cvl-numerique",
                 "title": "Le numérique, en soutien aux organisations territoriales en santé en Centre-Val de Loire",
                 "region": "Centre-Val de Loire", "timeZone": "Europe/Paris",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 1500000, "dossierPrefix": "CVL", "reviewerGroup": "%s", "committeeGroup": "%s",
                 "variables": {"urpsGroup": "%s", "urpsOpinionDelay": "P15D"}}"""
                .formatted(CAMPAIGN, today.minusDays(10), today.plusDays(60), today.minusDays(1), today.plusDays(90),
                        REVIEWERS, COMMITTEE_GROUP, URPS_GROUP), basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the campaign created its work groups, the URPS' too (a …Group variable)
        Staff.user(identity, REVIEWER, REVIEWERS);
        Staff.user(identity, COMMITTEE, COMMITTEE_GROUP);
        Staff.user(identity, URPS, URPS_GROUP);
        // the call's default finance team (calls/cvl-numerique.yaml, campaignDefaults.financeGroup)
        Staff.user(identity, FINANCE, "cvl-numerique-finance");
    }

    @Test
    void theDecisionsEvaluateAloneThroughEngineRest() throws Exception {
        var eligibility = evaluate("cvl-numerique-eligibility", """
                {"cptsCount": {"value": 0, "type": "Integer"},
                 "pilotStructureDesignated": {"value": false, "type": "Boolean"},
                 "submittedBeforeDeadline": {"value": true, "type": "Boolean"}}""");
        assertThat(eligibility).hasSize(2);
        assertThat(eligibility.get(0).get("reason").get("value").asText()).startsWith("Territoire d’une ou plusieurs CPTS");
        assertThat(eligibility.get(1).get("reason").get("value").asText()).startsWith("Structure juridique pilote");
        assertThat(evaluate("cvl-numerique-eligibility", """
                {"cptsCount": {"value": 1, "type": "Integer"},
                 "pilotStructureDesignated": {"value": true, "type": "Boolean"},
                 "submittedBeforeDeadline": {"value": true, "type": "Boolean"}}""")).isEmpty();

        // the boundaries of « de 40 à 80 % », « à titre indicatif »: a rate outside is applied and flagged
        for (var rate : List.of(39, 40, 80, 81)) {
            var funding = evaluate("cvl-numerique-funding", """
                    {"selected": {"value": true, "type": "Boolean"},
                     "eligibleCost": {"value": 100000, "type": "Long"},
                     "interventionRate": {"value": %d, "type": "Integer"}}""".formatted(rate));
            assertThat(funding).as("rate %d %%", rate).hasSize(1);
            assertThat(funding.get(0).get("grantAmount").get("value").asLong()).isEqualTo(1000L * rate);
            assertThat(funding.get(0).get("rateWithinIndicativeRange").get("value").asBoolean())
                    .as("rate %d %% within the range", rate).isEqualTo(rate >= 40 && rate <= 80);
        }
        var support = evaluate("cvl-numerique-funding", """
                {"selected": {"value": false, "type": "Boolean"},
                 "supportOffered": {"value": true, "type": "Boolean"},
                 "engineeringServiceCost": {"value": 30000, "type": "Long"}}""");
        assertThat(support.get(0).get("grantAmount").get("value").asLong()).isEqualTo(15_000L);

        var expense = evaluate("cvl-numerique-eligible-expense", """
                {"expenseCategory": {"value": "COUTS_RH", "type": "String"}}""");
        assertThat(expense.get(0).get("eligible").get("value").asBoolean()).isTrue();
        assertThat(expense.get(0).get("underConditions").get("value").asBoolean()).isTrue();

        var marks = new StringBuilder();
        for (var mark : MARKS) {
            marks.append(marks.isEmpty() ? "" : ",").append("\"").append(mark).append("\": {\"value\": 3, \"type\": \"Integer\"}");
        }
        var score = evaluate("cvl-numerique-score", "{" + marks + "}");
        assertThat(score.get(0).get("score").get("value").asInt()).isEqualTo(39);
        assertThat(score.get(0).get("maxScore").get("value").asInt()).isEqualTo(65);

        // after the award: 60 % of the eligible expenses justified so far, less what was paid, within the grant
        var payment = evaluate("cvl-numerique-payment", """
                {"grantAmount": {"value": 60000, "type": "Long"},
                 "interventionRate": {"value": 60, "type": "Integer"},
                 "justifiedExpenses": {"value": 150000, "type": "Long"},
                 "paidAmount": {"value": 24000, "type": "Long"}}""");
        assertThat(payment.get(0).get("paymentDue").get("value").asLong()).isEqualTo(36_000L);
    }

    @Test
    void theDemosCandidaturesAreTakenByTheApiAndTheRulesReadThem() throws Exception {
        Map<String, Object> demo;
        try (InputStream in = getClass().getResourceAsStream("/demo/cvl-numerique.yaml")) {
            demo = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        @SuppressWarnings("unchecked")
        var applications = (List<Map<String, Object>>) demo.get("applications");
        assertThat(applications).hasSizeGreaterThanOrEqualTo(3);
        var numbers = new LinkedHashMap<String, String>();
        for (var application : applications) {
            var response = post("/api/campaigns/" + CAMPAIGN + "/applications", json.writeValueAsString(application), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            @SuppressWarnings("unchecked")
            var organisation = (Map<String, Object>) application.get("organisation");
            numbers.put(json.readTree(response.body()).get("dossierNumber").asText(), (String) organisation.get("contactEmail"));
        }
        for (var sent : numbers.entrySet()) {
            assertThat(plain(content(Mails.await(sent.getValue(), sent.getKey() + ".accuse-reception.1"))))
                    .contains("Montant sollicité", "plusieurs fois");
        }

        // the maison de santé covers no CPTS and has designated no pilot: the reviewer sees both reasons
        var msp = numbers.entrySet().stream().filter(e -> e.getValue().contains("msp-boischaut")).findFirst().orElseThrow().getKey();
        var review = engine().await(REVIEWER, msp, "Activity_VerifierRecevabilite");
        assertThat(String.valueOf(tasks.getVariable(review, "admissibilityReasons")))
                .contains("Territoire d’une ou plusieurs CPTS", "Structure juridique pilote");
        // the expenses declared are a fact, their sum a derived one
        assertThat(facts.of(msp)).containsKey("expenses");
    }

    @Test
    void twoProjectsGoFromTheApiToTheFundersCommitteeOneSelectedAtItsRateTheOtherOfferedTheSupport() throws Exception {
        // a wrong application is refused against the registration form
        var refused = apply("refus@cpts.example", "Projet refusé", """
                {"pilotStructureName": "X", "ownerType": "SYNDICAT", "cptsCount": -1, "territory": "T",
                 "structuresCount": 1, "strategy": "S", "requestedAmount": 1000, "budget": 3,
                 "expenses": [{"category": "EQUIPEMENT_NUMERIQUE", "label": "Webcam", "amount": 100}]}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).contains("facts.ownerType", "facts.cptsCount", "facts.budget");

        var selectedApplication = apply("coordination@cpts-bourges.example", "Télé-expertise ville-hôpital à Bourges",
                application(2, 120_000));
        var selected = number(selectedApplication);
        var token = "Bearer " + json.readTree(selectedApplication.body()).get("accessToken").asText();
        var notSelected = number(apply("contact@cpts-gatinais.example", "Agenda partagé du Gâtinais",
                application(1, 40_000)));

        for (var number : List.of(selected, notSelected)) {
            var review = engine().await(REVIEWER, number, "Activity_VerifierRecevabilite");
            assertThat(String.valueOf(tasks.getVariable(review, "admissibilityReasons"))).isEqualTo("[]");
            engine().claim(REVIEWER, review);
            assertThat(engine().complete(REVIEWER, review, Map.of("recevabiliteDecision", typed("RECEVABLE", "String"))).statusCode())
                    .isEqualTo(204);
        }

        // the analysis: the reviewer reads the call's facts in words, the expenses and their sum
        var view = engine().await(REVIEWER, selected, "Activity_AnalyserProjet");
        var dossier = json.readTree(String.valueOf(tasks.getVariable(view, "dossier")));
        assertThat(dossier.get("ownerType").asText()).isEqualTo("Association portant un projet de santé territorialisé (une CPTS par exemple)");
        assertThat(plain(dossier.get("declaredCost").asText())).isEqualTo("150 000 €");
        assertThat(dossier.get("requestedRate").asText()).isEqualTo("80");
        assertThat(dossier.get("strategy").asText()).startsWith("Un comité de pilotage");
        var expenses = json.readTree(String.valueOf(tasks.getVariable(view, "dossierExpenses")));
        assertThat(expenses.get(1).get("category").asText()).isEqualTo("Ingénierie nécessaire à l’élaboration du projet (sous conditions)");
        // thirteen marks, the eligible cost retained, the professional structures' opinion asked for one
        analyse(selected, 4, 150_000, true);
        analyse(notSelected, 2, 80_000, false);
        var opinion = engine().await(URPS, selected, "Activity_RecueillirAvisUrps");
        engine().claim(URPS, opinion);
        var given = engine().complete(URPS, opinion, Map.of("opinion", typed("FAVORABLE", "String"),
                "opinionText", typed("Projet attendu par les professionnels du territoire.", "String")));
        assertThat(given.statusCode()).as(given.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(dossiers.get(selected).status())
                && "INSTRUCTED".equals(dossiers.get(notSelected).status()));
        assertThat(dossiers.get(selected).score()).as("thirteen marks of 4").isEqualTo(52);
        assertThat(dossiers.get(selected).grantAmount()).as("before the committee: no grant yet").isNull();
        assertThat(facts.of(selected)).containsEntry("urpsOpinion", "FAVORABLE");
        assertThat(((Number) facts.of(selected).get("eligibleCost")).longValue()).isEqualTo(150_000L);

        // the funders' committee: one retained at 85 %, outside the indicative range; the form bounds the rate
        var sitting = engine().await(COMMITTEE, CAMPAIGN, "Activity_TenirSeanceComite");
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(tasks.getVariable(sitting, "committeeDecisions"))
                .contains(notSelected));
        engine().claim(COMMITTEE, sitting);
        var outOfBounds = engine().complete(COMMITTEE, sitting, sitting(selected, 150, notSelected));
        assertThat(outOfBounds.statusCode()).isEqualTo(400);
        var decided = engine().complete(COMMITTEE, sitting, sitting(selected, 85, notSelected));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> "SELECTED".equals(dossiers.get(selected).status())
                && "NOT_SELECTED".equals(dossiers.get(notSelected).status()));
        assertThat(((Number) facts.of(selected).get("interventionRate")).intValue()).isEqualTo(85);
        // the applicant not selected is told so first, then a reviewer decides on the specific support
        var refusal = Mails.await("contact@cpts-gatinais.example", notSelected + ".decision.1");
        assertThat(plain(content(refusal))).contains("n'a pas retenu votre projet", "Stratégie territoriale à consolider",
                "accompagnement spécifique");
        var support = engine().await(REVIEWER, notSelected, "Activity_DeciderAccompagnement");
        engine().claim(REVIEWER, support);
        var offered = engine().complete(REVIEWER, support, Map.of("supportOffered", typed(true, "Boolean"),
                "engineeringServiceCost", typed(30_000, "Integer"),
                "supportComment", typed("Une assistance à maîtrise d'ouvrage pour finaliser la stratégie territoriale.", "String")));
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(204);

        // 150 000 € × 85 %: applied as the committee set it, flagged as outside the indicative range
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(127_500L).equals(dossiers.get(selected).grantAmount()));
        assertThat(facts.of(selected)).containsEntry("rateWithinIndicativeRange", false);
        var grant = Mails.await("coordination@cpts-bourges.example", selected + ".decision.1");
        assertThat(plain(content(grant))).contains("a retenu votre projet", "127 500 €", "85 %", "150 000 €", "indicatifs");
        var page = HtmlUtils.htmlUnescape(get("/dossiers/" + selected, basic(REVIEWER, REVIEWER)).body());
        assertThat(page).contains("<dt>Taux d'intervention fixé par le comité (%)</dt>",
                "<dt>Taux dans la fourchette indicative de 40 à 80 %</dt>");

        // the final statement of justified expenses: 160 000 € × 85 % = 136 000 €, within the grant: 127 500 €
        var statement = new java.util.concurrent.atomic.AtomicReference<HttpResponse<String>>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            statement.set(post("/api/dossiers/" + selected + "/filings/justificatifs", """
                    {"justifiedExpenses": 160000, "statementDate": "%s", "finalStatement": true}"""
                    .formatted(java.time.LocalDate.now()), token));
            return statement.get().statusCode() != 409;
        });
        assertThat(statement.get().statusCode()).as(statement.get().body()).isEqualTo(200);
        var release = engine().await(REVIEWER, selected, "Activity_LibererTranche");
        engine().claim(REVIEWER, release);
        assertThat(engine().complete(REVIEWER, release, Map.of("trancheEvidence",
                typed("Factures acquittées, état récapitulatif final", "String"))).statusCode()).isEqualTo(204);
        var payment = engine().await(FINANCE, selected, "Activity_MettreEnPaiement");
        engine().claim(FINANCE, payment);
        assertThat(engine().complete(FINANCE, payment, Map.of("paymentReference", typed("Mandat CVL-2026-19", "String")))
                .statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(dossiers.get(selected).status()));
        assertThat(plain(content(Mails.await("coordination@cpts-bourges.example", selected + ".versement-tranche.1"))))
                .contains("127 500 €", "il reste 0 €");

        // half of the 30 000 € service
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUPPORT_OFFERED".equals(dossiers.get(notSelected).status()));
        assertThat(dossiers.get(notSelected).grantAmount()).isEqualTo(15_000L);
        var supportMail = Mails.await("contact@cpts-gatinais.example", notSelected + ".accompagnement-specifique.1");
        assertThat(plain(content(supportMail))).contains("30 000 €", "15 000 €", "assistance à maîtrise d'ouvrage");
    }

    // --- helpers: what the API's clients send ---

    String application(int cptsCount, long requestedAmount) {
        return """
                {"pilotStructureName": "Association CPTS", "ownerType": "ASSOCIATION", "pilotStructureDesignated": true,
                 "cptsCount": %d, "cptsNames": "CPTS du territoire", "territory": "Cher", "structuresCount": 8,
                 "professionalsCount": 50, "strategy": "Un comité de pilotage réunit le collectif chaque trimestre.",
                 "expenses": [{"category": "SOLUTION_NUMERIQUE", "label": "Plateforme", "amount": 100000},
                              {"category": "INGENIERIE_PROJET", "label": "Chef de projet", "amount": 50000}],
                 "requestedAmount": %d}""".formatted(cptsCount, requestedAmount);
    }

    HttpResponse<String> apply(String email, String title, String facts) throws Exception {
        return post("/api/campaigns/" + CAMPAIGN + "/applications", """
                {"organisation": {"name": "CPTS — %s", "contactEmail": "%s"},
                 "project": {"title": "%s", "description": "Projet prioritaire et emblématique du collectif."},
                 "facts": %s}""".formatted(title, email, title, facts), null);
    }

    String number(HttpResponse<String> submitted) throws Exception {
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return json.readTree(submitted.body()).get("dossierNumber").asText();
    }

    void analyse(String number, int mark, long eligibleCost, boolean urpsOpinion) throws Exception {
        var analysis = engine().await(REVIEWER, number, "Activity_AnalyserProjet");
        engine().claim(REVIEWER, analysis);
        var variables = new HashMap<String, Object>();
        for (var name : MARKS) {
            variables.put(name, typed(mark, "Integer"));
        }
        variables.put("eligibleCost", typed(eligibleCost, "Long"));
        variables.put("urpsOpinionRequested", typed(urpsOpinion, "Boolean"));
        variables.put("instructionComment", typed("Stratégie territoriale lisible, collectif cohérent.", "String"));
        var completed = engine().complete(REVIEWER, analysis, variables);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    Map<String, Object> sitting(String selected, int interventionRate, String notSelected) throws Exception {
        var retained = new LinkedHashMap<String, Object>();
        retained.put("dossierNumber", selected);
        retained.put("decision", "RETENU");
        retained.put("interventionRate", interventionRate);
        retained.put("reason", "Plan de financement sans autre cofinanceur.");
        var refused = new LinkedHashMap<String, Object>();
        refused.put("dossierNumber", notSelected);
        refused.put("decision", "NON_RETENU");
        refused.put("reason", "Stratégie territoriale à consolider.");
        return Map.of("committeeDecisions", typed(json.writeValueAsString(List.of(retained, refused)), "Json"),
                "lastSitting", typed(false, "Boolean"));
    }

    JsonNode evaluate(String key, String variables) throws Exception {
        var response = post("/engine-rest/decision-definition/key/" + key + "/evaluate", "{\"variables\": " + variables + "}",
                basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(response.statusCode()).as(key + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** French amounts are written with no-break spaces (« 40 000 € »): compared here as plain spaces. */
    static String plain(Object text) {
        return String.valueOf(text).replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    static Object content(jakarta.mail.internet.MimeMessage mail) throws Exception {
        return mail.getContent();
    }

    List<String> fields(HttpResponse<String> problem) throws Exception {
        var fields = new ArrayList<String>();
        json.readTree(problem.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    static String basic(String user, String password) {
        return Api.basic(user, password);
    }

    EngineRestTasks engine() {
        return new EngineRestTasks(port);
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return new Api(port).get(path, authorization);
    }

    HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return new Api(port).post(path, body, authorization);
    }
}
