package fr.instruire;

import static fr.instruire.support.EngineRestTasks.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Api;
import fr.instruire.support.EngineRestTasks;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;

/**
 * The ARS Île-de-France's call « Déploiement plateforme numérique régionale support au parcours » ({@code idf-parcours}),
 * end to end, files only: an administrator opens a session, a territory files its letter of intent over the API, the
 * strategy direction (with the departmental direction in copy) follows it up, the territory files its SNACs dossier as a
 * second filing, the ARS sends it to the DGOS and records its decision, the departmental direction launches the project,
 * the GCS Sesan deploys the services, and two years later the ARS checks the usage indicators. Every staff step goes
 * over {@code /engine-rest} as its group's member; the mails arrive in GreenMail. The decisions evaluate alone.
 * The SNACs dossier is the platform's later filing ({@code POST /api/dossiers/{number}/filings/snacs}), the funding's
 * outputs kept by {@code recordFacts}.
 */
@ApplicationIT
class IdfParcoursJourneyIT {

    static final String CAMPAIGN = "idf-parcours-it";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String STRATEGY_GROUP = "ars-idf-strategie-it";
    static final String DEPARTMENT_GROUP = "ars-idf-dd-it";
    static final String SESAN_GROUP = "gcs-sesan-it";
    static final String STRATEGY = "strategie.it";
    static final String DEPARTMENT = "dd.it";
    static final String SESAN = "sesan.it";
    /** The call's default finance team (calls/idf-parcours.yaml, campaignDefaults.financeGroup). */
    static final String FINANCE = "finances.it";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "idfparcours");
    }

    @LocalServerPort
    int port;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openSessionAndAccounts() throws Exception {
        var today = LocalDate.now(PARIS);
        // the preparation window (selection) ends the day before the DGOS deadline, whose day starts at 00:00
        var created = post("/api/campaigns", """
                {"key": "%s", "callId": "idf-parcours",
                 "title": "Plateforme numérique régionale support au parcours — session d'essai",
                 "region": "Île-de-France", "timeZone": "Europe/Paris",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 20000000, "dossierPrefix": "SNACS", "reviewerGroup": "%s", "committeeGroup": "%s",
                 "variables": {"strategyGroup": "%s", "departmentGroup": "%s", "sesanGroup": "%s",
                               "dgosDeadline": "%s", "usageIndicatorsDelay": "P2Y"}}"""
                .formatted(CAMPAIGN, today.minusDays(10), today.plusDays(20), today.minusDays(10), today.plusDays(59),
                        STRATEGY_GROUP, DEPARTMENT_GROUP, STRATEGY_GROUP, DEPARTMENT_GROUP, SESAN_GROUP, today.plusDays(60)),
                basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the campaign created its groups; their members get the letters by mail
        member(STRATEGY, STRATEGY_GROUP);
        member(DEPARTMENT, DEPARTMENT_GROUP);
        member(SESAN, SESAN_GROUP);
        member(FINANCE, "idf-parcours-finance");
    }

    @Test
    void theDecisionsEvaluateAloneThroughEngineRest() throws Exception {
        var eligible = evaluate("idf-parcours-eligibility", criteria(true));
        assertThat(eligible.statusCode()).as(eligible.body()).isEqualTo(200);
        assertThat(json.readTree(eligible.body())).as("no row: eligible").isEmpty();

        var noGovernance = criteria(true).replace("\"governanceDescribed\": {\"value\": true", "\"governanceDescribed\": {\"value\": false");
        var reasons = json.readTree(evaluate("idf-parcours-eligibility", noGovernance).body());
        assertThat(reasons).hasSize(1);
        assertThat(reasons.get(0).get("reason").get("value").asText()).startsWith("Gouvernance de la coordination : ");
        assertThat(json.readTree(evaluate("idf-parcours-eligibility", criteria(false)).body())).as("one reason per criterion").hasSize(6);

        var forfait = json.readTree(evaluate("idf-parcours-funding", population(300_000)).body()).get(0);
        assertThat(forfait.get("grantAmount").get("value").asLong()).isEqualTo(1_000_000L);
        assertThat(forfait.get("usageLinkedAmount").get("value").asLong()).isEqualTo(400_000L);
        var proRata = json.readTree(evaluate("idf-parcours-funding", population(600_000)).body()).get(0);
        assertThat(proRata.get("grantAmount").get("value").asLong()).isEqualTo(1_600_000L);
        assertThat(proRata.get("usageLinkedAmount").get("value").asLong()).isEqualTo(640_000L);

        // that 40 %, paid pro rata of the usage indicators attained within two years: 3 of 4 of 640 000 €
        var usage = json.readTree(evaluate("idf-parcours-usage-payment", """
                {"variables": {
                  "grantAmount": {"value": 1600000, "type": "Long"},
                  "attainedWithinTwoYears": {"value": true, "type": "Boolean"},
                  "indicatorsCount": {"value": 4, "type": "Integer"},
                  "indicatorsAttained": {"value": 3, "type": "Integer"}}}""").body()).get(0);
        assertThat(usage.get("usagePaymentAmount").get("value").asLong()).isEqualTo(480_000L);
    }

    @Test
    void aLetterOfIntentBecomesASnacsDossierRetainedByTheDgosLaunchedAndItsUsageChecked() throws Exception {
        // the letter's facts are checked against forms/idf-parcours/idf-parcours-enregistrement.form
        var refused = apply("refus@territoire.example", letter("AUCUNE").replace("}", ", \"budget\": 3}"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).contains("facts.structureCoordination", "facts.budget");

        var submitted = apply("coordination@sud-essonne.example", letter("EN_FONCTIONNEMENT"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var number = json.readTree(submitted.body()).get("dossierNumber").asText();
        var token = json.readTree(submitted.body()).get("accessToken").asText();
        assertThat(number).matches("SNACS-\\d{4}-\\d{4}");

        // « adresser par mel une lettre d'intention à la Direction de la Stratégie de l'ARS (…) avec copie à la Direction départementale »
        var ack = Mails.await("coordination@sud-essonne.example", number + ".accuse-reception.1");
        assertThat(plain(ack.getContent())).contains("Sud-Essonne", "450 000 habitants");
        var letter = Mails.await(STRATEGY + "@ars-idf.example", number + ".lettre-intention.1");
        assertThat(plain(letter.getContent())).contains("Contexte général du projet :", "Trois PTA fusionnent");
        var copy = Mails.await(DEPARTMENT + "@ars-idf.example", number + ".lettre-intention-copie.1");
        assertThat(copy.getSubject()).startsWith("Copie");

        // a SNACs dossier filed before the letter is followed up: the dossier does not wait for it
        assertThat(fileSnacs(number, token, snacs(450_000)).statusCode()).isEqualTo(409);

        var review = engine().await(STRATEGY, number, "Activity_ExaminerLettreIntention");
        var view = json.readTree(String.valueOf(tasks.getVariable(review, "dossier")));
        assertThat(view.get("territoire").asText()).isEqualTo("Sud-Essonne");
        assertThat(view.get("structureCoordination").asText()).isEqualTo("En fonctionnement");
        engine().claim(STRATEGY, review);
        assertThat(engine().completed(STRATEGY, review, Map.of("recevabiliteDecision", typed("RECEVABLE", "String"))).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "UNDER_INSTRUCTION".equals(dossiers.get(number).status()));
        assertThat(plain(Mails.await("coordination@sud-essonne.example", number + ".recevabilite.1").getContent()))
                .contains("donne suite", "Dossier SNACs");

        // the SNACs dossier: the second filing, checked against forms/idf-parcours/idf-parcours-snacs.form
        var wrong = fileSnacs(number, token, snacs(450_000).replace("450000", "-5"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        var filed = fileSnacsOnceAwaited(number, token, snacs(450_000).replace("\"includesLiberalProfessionals\": true",
                "\"includesLiberalProfessionals\": false"));
        assertThat(filed.statusCode()).as(filed.body()).isBetween(200, 299);

        // not eligible: the strategy direction cannot send it, it goes back to the territory
        var preparation = engine().await(STRATEGY, number, "Activity_FinaliserDossierSnacs");
        assertThat(String.valueOf(tasks.getVariable(preparation, "eligibilityReasons"))).contains("professionnels libéraux");
        engine().claim(STRATEGY, preparation);
        assertThat(engine().completed(STRATEGY, preparation, Map.of("snacsRequest",
                typed("Associez l'URPS médecins et les libéraux du territoire.", "String"))).statusCode()).isEqualTo(204);
        assertThat(plain(Mails.await("coordination@sud-essonne.example", number + ".reprise-snacs.1").getContent()))
                .contains("Associez l'URPS médecins");

        var refiled = fileSnacsOnceAwaited(number, token, snacs(600_000));
        assertThat(refiled.statusCode()).as(refiled.body()).isBetween(200, 299);
        preparation = engine().await(STRATEGY, number, "Activity_FinaliserDossierSnacs");
        // P1: the funding decision's outputs are the dossier's facts, grantAmount its grant
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(1_600_000L).equals(dossiers.get(number).grantAmount()));
        assertThat(((Number) facts.of(number).get("usageLinkedAmount")).longValue()).isEqualTo(640_000L);
        engine().claim(STRATEGY, preparation);
        assertThat(engine().completed(STRATEGY, preparation, Map.of("snacsDecision", typed("TRANSMETTRE", "String"))).statusCode()).isEqualTo(204);

        var sending = engine().await(STRATEGY, number, "Activity_TransmettreDossierDgos");
        engine().claim(STRATEGY, sending);
        assertThat(engine().completed(STRATEGY, sending, Map.of("dgosSentOn", typed(LocalDate.now(PARIS).toString(), "String"))).statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(dossiers.get(number).status()));
        assertThat(plain(Mails.await("coordination@sud-essonne.example", number + ".transmission-dgos.1").getContent()))
                .contains("1 600 000 €", "640 000 €");

        var decision = engine().await(STRATEGY, number, "Activity_EnregistrerDecisionDgos");
        engine().claim(STRATEGY, decision);
        assertThat(engine().completed(STRATEGY, decision, Map.of("dgosDecision", typed("RETENU", "String"),
                "dgosDecisionOn", typed(LocalDate.now(PARIS).toString(), "String"),
                "dgosDecisionReason", typed("Territoire retenu pour la vague de la session.", "String"))).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SELECTED".equals(dossiers.get(number).status()));
        assertThat(plain(Mails.await("coordination@sud-essonne.example", number + ".decision-dgos.1").getContent()))
                .contains("la DGOS a retenu", "1 600 000 €", "640 000 €");

        // « Le pilotage opérationnel sera assuré par la Direction Départementale s'appuyant sur un Comité de projet du territoire. »
        var launch = engine().await(DEPARTMENT, number, "Activity_LancerProjet");
        engine().claim(DEPARTMENT, launch);
        assertThat(engine().completed(DEPARTMENT, launch, Map.of("projectStartedOn", typed(LocalDate.now(PARIS).toString(), "String"),
                "comiteProjet", typed("Comité de projet installé avec la DD91 et les PTA.", "String"))).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PROJECT_LAUNCHED".equals(dossiers.get(number).status()));
        // the grant opens with the launch: 60 % (960 000 €) released by the strategy direction, paid by finance
        payTranche(number, "Compte rendu du comité de lancement", "Mandat 2026-IDF-01");
        Mails.await("coordination@sud-essonne.example", number + ".versement-tranche.1");
        var deployment = engine().await(SESAN, number, "Activity_DeployerServices");
        engine().claim(SESAN, deployment);
        assertThat(engine().completed(SESAN, deployment, Map.of("servicesDeployes", typed("Dossier de coordination, messagerie.", "String"),
                "servicesDeployedOn", typed(LocalDate.now(PARIS).toString(), "String"))).statusCode()).isEqualTo(204);

        // two years later (the timer brought forward), the usage indicators
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
        var twoYears = management.createJobQuery().processInstanceId(instance).timers().activityId("Event_DelaiUsagesEcoule")
                .singleResult();
        assertThat(twoYears.getDuedate()).isAfter(Date.from(LocalDate.now(PARIS).plusYears(2).minusDays(2).atStartOfDay(PARIS).toInstant()));
        management.setJobDuedate(twoYears.getId(), new Date());
        Mails.await(STRATEGY + "@ars-idf.example", number + ".verification-usages.1");
        var usage = engine().await(STRATEGY, number, "Activity_VerifierIndicateursUsage");
        engine().claim(STRATEGY, usage);
        assertThat(engine().completed(STRATEGY, usage, Map.of("usageIndicatorsMet", typed("ATTEINTS", "String"),
                "usageIndicatorsComment", typed("82 % des professionnels utilisent le dossier de coordination.", "String")))
                .statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "USAGE_TARGETS_MET".equals(dossiers.get(number).status()));
        assertThat(plain(Mails.await("coordination@sud-essonne.example", number + ".resultat-usages.1").getContent()))
                .contains("ils sont atteints", "640 000 €");
        // the usage-linked 40 %: the last tranche
        payTranche(number, "Résultats des indicateurs d'usage de la DGOS", "Mandat 2028-IDF-07");
        assertThat(plain(Mails.await("coordination@sud-essonne.example", number + ".versement-tranche.2").getContent()))
                .contains("640 000 €", "il reste 0 €");

        var page = HtmlUtils.htmlUnescape(get("/dossiers/" + number, basic(STRATEGY, STRATEGY)).body());
        assertThat(plain(page)).contains("<dt>Financement du territoire</dt>", "<dd>1 600 000 €</dd>", "<dt>Décision de la DGOS</dt>", "<dd>Retenu par la DGOS</dd>",
                "Indicateurs d'usage atteints");
        assertThat(get("/dossiers/" + number, basic(DEPARTMENT, DEPARTMENT)).statusCode())
                .as("the departmental direction sees the session's dossiers").isEqualTo(200);
    }

    void payTranche(String number, String evidence, String reference) throws Exception {
        var release = engine().await(STRATEGY, number, "Activity_LibererTranche");
        engine().claim(STRATEGY, release);
        assertThat(engine().completed(STRATEGY, release, Map.of("trancheEvidence", typed(evidence, "String"))).statusCode())
                .isEqualTo(204);
        var payment = engine().await(FINANCE, number, "Activity_MettreEnPaiement");
        engine().claim(FINANCE, payment);
        assertThat(engine().completed(FINANCE, payment, Map.of("paymentReference", typed(reference, "String"))).statusCode())
                .isEqualTo(204);
    }

    // --- helpers: what the API's clients send ---

    static String letter(String structureCoordination) {
        return """
                {"territoire": "Sud-Essonne", "departement": "91", "populationEstimee": 450000,
                 "structureCoordination": "%s",
                 "contexte": "Trois PTA fusionnent en un dispositif d'appui unique.",
                 "descriptionSommaire": "Coordination des parcours complexes sur 120 communes.",
                 "structuresActeurs": "URPS médecins, CH Sud-Francilien, 14 EHPAD, MAIA, réseaux.",
                 "gouvernance": "Comité de pilotage territorial co-présidé par l'URPS et le CH.",
                 "servicesPlateforme": "Dossier de coordination, réseau social, prise de rendez-vous."}"""
                .formatted(structureCoordination);
    }

    static String snacs(long population) {
        return """
                {"population": %d, "includesLiberalProfessionals": true, "includesHealthEstablishments": true,
                 "includesMedicoSocialEstablishments": true, "portageDescription": "URPS, CH, EHPAD, SSIAD.",
                 "governanceDescribed": true, "gouvernanceCoordination": "Comité de pilotage territorial.",
                 "territorialSupportScheme": true, "dispositifAppui": "PTA Sud-Essonne, MAIA, CLIC.",
                 "platformServicesCommitted": true, "servicesPrioritaires": "Dossier de coordination partagé."}"""
                .formatted(population);
    }

    static String criteria(boolean value) {
        var variables = new ArrayList<String>();
        for (var criterion : List.of("includesLiberalProfessionals", "includesHealthEstablishments",
                "includesMedicoSocialEstablishments", "governanceDescribed", "territorialSupportScheme", "platformServicesCommitted")) {
            variables.add("\"%s\": {\"value\": %s, \"type\": \"Boolean\"}".formatted(criterion, value));
        }
        return "{\"variables\": {" + String.join(", ", variables) + "}}";
    }

    static String population(long inhabitants) {
        return "{\"variables\": {\"population\": {\"value\": %d, \"type\": \"Long\"}}}".formatted(inhabitants);
    }

    HttpResponse<String> evaluate(String key, String body) throws Exception {
        return post("/engine-rest/decision-definition/key/" + key + "/evaluate", body,
                basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
    }

    HttpResponse<String> apply(String email, String facts) throws Exception {
        return post("/api/campaigns/" + CAMPAIGN + "/applications", """
                {"organisation": {"name": "Association PTA Sud-Essonne", "contactEmail": "%s", "contactName": "Claire Martin"},
                 "project": {"title": "Coordination des parcours en Sud-Essonne"},
                 "facts": %s}""".formatted(email, facts), null);
    }

    /**
     * As the territory would after a mail: the mail is sent by a job, and the dossier waits for the filing once that
     * job's transaction has ended — a filing a moment too early is refused (409, nothing kept) and sent again.
     */
    HttpResponse<String> fileSnacsOnceAwaited(String number, String token, String facts) throws Exception {
        var answer = new java.util.concurrent.atomic.AtomicReference<HttpResponse<String>>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            answer.set(fileSnacs(number, token, facts));
            return answer.get().statusCode() != 409;
        });
        return answer.get();
    }

    HttpResponse<String> fileSnacs(String number, String token, String facts) throws Exception {
        return post("/api/dossiers/" + number + "/filings/snacs", "{\"facts\": " + facts + "}", "Bearer " + token);
    }

    void member(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setEmail(id + "@ars-idf.example");
            user.setPassword(id);
            identity.saveUser(user);
        }
        identity.createMembership(id, group);
    }

    List<String> fields(HttpResponse<String> problem) throws Exception {
        var fields = new ArrayList<String>();
        json.readTree(problem.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /** French amounts are written with no-break spaces (« 1 600 000 € »): compared here as plain spaces. */
    static String plain(Object text) {
        return String.valueOf(text).replace('\u00a0', ' ').replace('\u202f', ' ');
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
