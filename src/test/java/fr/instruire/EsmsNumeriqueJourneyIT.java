package fr.instruire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.ApplicationIT;
import fr.instruire.support.Api;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;

/**
 * The ESMS numérique call end to end, as its users meet it: the application on a real PostgreSQL, mails through a
 * real SMTP server (GreenMail), everything over HTTP — the applicant on Instruire's API, reviewers and the
 * committee on Camunda's REST API as themselves.
 */
@ApplicationIT
class EsmsNumeriqueJourneyIT {

    static final String OPEN = "esms-numerique-it-guadeloupe";
    /** The campaign whose last sitting decides (its own: the selection closed, it takes no more dossiers). */
    static final String DECIDED = "esms-numerique-it-derniere-seance";
    static final String REVIEWER = "instructeur.test";
    static final String COMMITTEE = "comite.test";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = ApplicationIT.ADMIN_PASSWORD;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "journey");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaignAndAccounts() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = post("/api/campaigns", campaign(OPEN, today.minusDays(10).toString(), today.plusDays(10).toString(),
                today.minusDays(1).toString(), today.plusDays(40).toString()), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var decided = post("/api/campaigns", campaign(DECIDED, today.minusDays(10).toString(), today.plusDays(10).toString(),
                today.minusDays(1).toString(), today.plusDays(40).toString()), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        user(REVIEWER, "instructeurs-guadeloupe");
        user(COMMITTEE, "comite-guadeloupe");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anApplicationGoesFromSubmissionToTheCommitteesDecisionByMailAndRest() throws Exception {
        var submitted = post("/api/campaigns/" + DECIDED + "/applications", application("contact@flamboyants.example", 10), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var body = json.readTree(submitted.body());
        var number = body.get("dossierNumber").asText();
        var token = body.get("accessToken").asText();
        assertThat(number).matches("ESMS-\\d{4}-\\d{4}");

        var ack = awaitMail("contact@flamboyants.example", number + ".accuse-reception.1");
        assertThat(ack.getSubject()).contains(number);

        var status = get("/api/dossiers/" + number, "Bearer " + token);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json.readTree(status.body()).get("status").asText()).isIn("SUBMITTED", "ADMISSIBILITY_REVIEW");

        var recevabilite = awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        claimAndComplete(REVIEWER, recevabilite, Map.of(
                "recevabiliteDecision", typed("RECEVABLE", "String"),
                "recevabiliteComment", typed("Dossier complet", "String")));

        var instruction = awaitTask(REVIEWER, number, "Activity_InstruireDossier");
        claimAndComplete(REVIEWER, instruction, Map.of(
                "scoreMotivation", typed(4, "Integer"), "scorePerimetreFonctionnel", typed(4, "Integer"),
                "scoreMutualisation", typed(3, "Integer"), "scoreInteroperabilite", typed(5, "Integer"),
                "scorePlateformeRegionale", typed(2, "Integer"),
                "instructionComment", typed("Projet mûr et mutualisé.", "String")));

        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
        var committeeList = get("/api/campaigns/" + DECIDED + "/dossiers", basic(COMMITTEE, COMMITTEE));
        assertThat(committeeList.statusCode()).isEqualTo(200);
        var line = json.readTree(committeeList.body()).get(0);
        assertThat(line.get("dossierNumber").asText()).isEqualTo(number);
        assertThat(line.get("grantAmount").asLong()).isEqualTo(250_000L);
        assertThat(line.get("score").asInt()).isEqualTo(18);

        // another applicant's dossier is still in its admissibility review when the last sitting decides
        var late = json.readTree(post("/api/campaigns/" + DECIDED + "/applications", application("tardif@candidat.example", 8), null)
                .body()).get("dossierNumber").asText();
        awaitTask(REVIEWER, late, "Activity_VerifierRecevabilite");

        var sitting = awaitTask(COMMITTEE, DECIDED, "Activity_TenirSeanceComite");
        claimAndComplete(COMMITTEE, sitting, Map.of(
                "committeeDecisions", typed(json.writeValueAsString(List.of(Map.of(
                        "dossierNumber", number, "decision", "RETENU", "reason", "Projet prioritaire"))), "Json"),
                "lastSitting", typed(true, "Boolean")));

        var decision = awaitMail("contact@flamboyants.example", number + ".decision.1");
        assertThat(decision.getSubject()).contains(number);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SELECTED".equals(statusOf(number)));
        var finalStatus = json.readTree(get("/api/dossiers/" + number, "Bearer " + token).body());
        assertThat(finalStatus.get("grantAmount").asLong()).isEqualTo(250_000L);
        awaitTask(REVIEWER, number, "Activity_SignerConvention");

        // « Les candidats non retenus recevront une notification de la décision »: the one the sitting could not see too
        var closed = awaitMail("tardif@candidat.example", late + ".selection-close.1");
        assertThat(closed.getContent().toString()).contains("n'a pas pu être présenté au comité de sélection");
        await().atMost(Duration.ofSeconds(30)).until(() -> "NOT_SELECTED".equals(statusOf(late)));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(late).count()).isZero();

        // the selection closed, the deposit still open: a new application is refused with the reason, nothing kept
        long before = count("dossier");
        var refused = post("/api/campaigns/" + DECIDED + "/applications", application("apres@candidat.example", 8), null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).get("title").asText()).isEqualTo("Sélection close");
        assertThat(json.readTree(refused.body()).get("detail").asText()).contains("aucun comité ne se réunira");
        assertThat(count("dossier")).isEqualTo(before);

        // the managers' funnel: the dossier the closing classed « non retenu » was decided, never instructed
        var figures = json.readTree(get("/api/dashboard/campaigns/" + DECIDED, basic(ADMIN, ADMIN_PASSWORD)).body()).get("figures");
        var stages = new java.util.LinkedHashMap<String, Long>();
        figures.get("funnel").forEach(stage -> stages.put(stage.get("stage").asText(), stage.get("dossiers").asLong()));
        assertThat(stages).containsEntry("DEPOSES", 2L).containsEntry("RECEVABLES", 1L).containsEntry("INSTRUITS", 1L)
                .containsEntry("DECIDES", 2L).containsEntry("RETENUS", 1L);
    }

    @Test
    void theApplicantAddsDocumentsCheckedByContentAndAnswersAComplementsRequest() throws Exception {
        var body = json.readTree(post("/api/campaigns/" + OPEN + "/applications", application("pieces@candidat.example", 8), null).body());
        var number = body.get("dossierNumber").asText();
        var bearer = "Bearer " + body.get("accessToken").asText();

        var pdf = upload(number, "budget.pdf", "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII), "application/pdf", bearer);
        assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(201);
        assertThat(json.readTree(pdf.body()).get("contentType").asText()).isEqualTo("application/pdf");
        var disguised = upload(number, "planning.pdf", "ceci n'est pas un PDF".getBytes(StandardCharsets.UTF_8), "application/pdf", bearer);
        assertThat(disguised.statusCode()).isEqualTo(415);
        assertThat(json.readTree(disguised.body()).get("detail").asText()).contains("reconnu au contenu");
        var tooLarge = upload(number, "gros.pdf", new byte[11 * 1024 * 1024], "application/pdf", bearer);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json.readTree(tooLarge.body()).get("detail").asText()).contains("10 Mo");
        assertThat(get("/api/dossiers/" + number, "Bearer jeton-d-un-autre").statusCode()).isEqualTo(401);
        assertThat(get("/api/dossiers/" + number, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/dossiers/" + number + "/complements", "{\"message\": \"trop tôt\"}", bearer).statusCode()).isEqualTo(409);

        var recevabilite = awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        claimAndComplete(REVIEWER, recevabilite, Map.of(
                "recevabiliteDecision", typed("COMPLEMENTS", "String"),
                "complementsRequest", typed("Merci de joindre le planning prévisionnel du projet.", "String")));
        var request = awaitMail("pieces@candidat.example", number + ".demande-complements.1");
        assertThat(request.getContent().toString()).contains("planning prévisionnel");
        await().atMost(Duration.ofSeconds(30)).until(() -> "AWAITING_COMPLEMENTS".equals(statusOf(number)));
        var pending = json.readTree(get("/api/dossiers/" + number, bearer).body());
        assertThat(pending.get("complementsRequested").get("request").asText()).contains("planning prévisionnel");
        assertThat(post("/api/dossiers/" + number + "/complements", "{\"message\": \"\"}", bearer).statusCode()).isEqualTo(400);
        assertThat(post("/api/dossiers/" + number + "/complements", "{\"message\": \"x\"}", basic(REVIEWER, REVIEWER)).statusCode())
                .as("only the applicant answers").isEqualTo(403);

        // the request's mail is sent by a job; the dossier waits for the answer once that job has ended: an answer a
        // moment too early is refused (409, nothing kept) and sent again, as the applicant would
        var answer = new java.util.concurrent.atomic.AtomicReference<java.net.http.HttpResponse<String>>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            answer.set(post("/api/dossiers/" + number + "/complements", "{\"message\": \"Planning joint en pièce.\"}", bearer));
            return answer.get().statusCode() != 409;
        });
        var answered = answer.get();
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json.readTree(answered.body()).get("status").asText()).isEqualTo("ADMISSIBILITY_REVIEW");
        awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        assertThat(post("/api/dossiers/" + number + "/complements", "{\"message\": \"encore\"}", bearer).statusCode()).isEqualTo(409);
    }

    /**
     * « Passé ce délai, la recevabilité de votre dossier sera appréciée au vu des seules pièces en notre possession » :
     * the delay runs out, the request is closed and the dossier goes back to its reviewer; an answer now is refused.
     */
    @Test
    void complementsNotAnsweredInTimeBringTheDossierBackToItsReviewer() throws Exception {
        var body = json.readTree(post("/api/campaigns/" + OPEN + "/applications", application("silence@candidat.example", 8), null).body());
        var number = body.get("dossierNumber").asText();
        var bearer = "Bearer " + body.get("accessToken").asText();
        claimAndComplete(REVIEWER, awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite"), Map.of(
                "recevabiliteDecision", typed("COMPLEMENTS", "String"),
                "complementsRequest", typed("Merci de joindre l'attestation sur l'honneur signée.", "String")));
        awaitMail("silence@candidat.example", number + ".demande-complements.1");
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
        org.camunda.bpm.engine.runtime.Job deadline = await().atMost(Duration.ofSeconds(30)).until(() -> management
                .createJobQuery().timers().processInstanceId(instance).activityId("Event_DelaiComplementsEcoule")
                .singleResult(), j -> j != null);
        management.executeJob(deadline.getId());

        awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        await().atMost(Duration.ofSeconds(30)).until(() -> "ADMISSIBILITY_REVIEW".equals(statusOf(number)));
        var late = post("/api/dossiers/" + number + "/complements", "{\"message\": \"La voici, en retard.\"}", bearer);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json.readTree(get("/api/dossiers/" + number, bearer).body()).hasNonNull("complementsRequested")).isFalse();
        var page = get("/dossiers/" + number, basic(REVIEWER, REVIEWER));
        assertThat(page.body()).contains("Délai écoulé sans réponse le", "Délai de compléments écoulé",
                "Recevabilité en cours");
        assertThat(Mails.to("silence@candidat.example")).noneMatch(id -> id.contains(".recevabilite."));
    }

    /** A reviewer may declare admissible a dossier the call's rules refuse — never without saying why, kept on its page. */
    @Test
    void aReviewerDepartingFromTheRulesMustSayWhyAndThePageShowsIt() throws Exception {
        var application = application("attestation@candidat.example", 8).replace("\"honourStatementProvided\": true",
                "\"honourStatementProvided\": false");
        var number = json.readTree(post("/api/campaigns/" + OPEN + "/applications", application, null).body())
                .get("dossierNumber").asText();
        var review = awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite");
        post("/engine-rest/task/" + review + "/claim", "{\"userId\": \"" + REVIEWER + "\"}", basic(REVIEWER, REVIEWER));
        var silent = post("/engine-rest/task/" + review + "/complete", json.writeValueAsString(Map.of("variables",
                Map.of("recevabiliteDecision", typed("RECEVABLE", "String")))), basic(REVIEWER, REVIEWER));
        assertThat(silent.statusCode()).isEqualTo(400);
        assertThat(silent.body()).contains("Les règles de recevabilité de l'appel ne sont pas satisfaites", "attestation",
                "motivez votre décision");
        var reason = "Attestation sur l'honneur reçue par courrier le 3 mars, versée au dossier.";
        var departing = post("/engine-rest/task/" + review + "/complete", json.writeValueAsString(Map.of("variables", Map.of(
                "recevabiliteDecision", typed("RECEVABLE", "String"), "recevabiliteComment", typed(reason, "String")))),
                basic(REVIEWER, REVIEWER));
        assertThat(departing.statusCode()).as(departing.body()).isEqualTo(204);
        awaitTask(REVIEWER, number, "Activity_InstruireDossier");
        var page = get("/dossiers/" + number, basic(REVIEWER, REVIEWER)).body();
        assertThat(page).contains("Recevable malgré les règles", "Attestation sur l&#39;honneur reçue par courrier le 3 mars");
    }

    @Test
    void anEcartSubstantielIsTheApplicantsAndOnlyReachesADossierInItsExperimentation() throws Exception {
        var body = json.readTree(post("/api/campaigns/" + OPEN + "/applications", application("ecart@candidat.example", 8), null).body());
        var number = body.get("dossierNumber").asText();
        var bearer = "Bearer " + body.get("accessToken").asText();
        var report = "{\"description\": \"Le recrutement de l'infirmière coordinatrice est reporté de six mois.\"}";

        assertThat(post("/api/dossiers/" + number + "/ecarts", report, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/dossiers/" + number + "/ecarts", report, basic(REVIEWER, REVIEWER)).statusCode()).isEqualTo(403);
        assertThat(post("/api/dossiers/FACI-1999-0001/ecarts", report, bearer).statusCode()).isEqualTo(404);
        assertThat(post("/api/dossiers/" + number + "/ecarts", "{\"description\": \" \"}", bearer).statusCode()).isEqualTo(400);
        var notInExperimentation = post("/api/dossiers/" + number + "/ecarts", report, bearer);
        assertThat(notInExperimentation.statusCode()).isEqualTo(409);
        assertThat(json.readTree(notInExperimentation.body()).get("detail").asText()).isNotBlank();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dossier_event WHERE dossier_number = ? AND kind = 'ECART_SUBSTANTIEL'")
                .param(number).query(Integer.class).single()).as("a refused report leaves nothing").isZero();
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameDossier() throws Exception {
        var request = application("idem@candidat.example", 8);
        var first = post("/api/campaigns/" + OPEN + "/applications", request, null, "Idempotency-Key", "import-pai-42");
        var second = post("/api/campaigns/" + OPEN + "/applications", request, null, "Idempotency-Key", "import-pai-42");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        var number = json.readTree(first.body()).get("dossierNumber").asText();
        assertThat(json.readTree(second.body()).get("dossierNumber").asText()).isEqualTo(number);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dossier WHERE contact_email = 'idem@candidat.example'").query(Integer.class).single()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);

        var otherBody = post("/api/campaigns/" + OPEN + "/applications", application("idem@candidat.example", 9), null,
                "Idempotency-Key", "import-pai-42");
        assertThat(otherBody.statusCode()).isEqualTo(422);
    }

    @Test
    void malformedOrInvalidApplicationsAreRefusedInFrenchAndLeaveNothingBehind() throws Exception {
        long dossiersBefore = count("dossier");
        long instancesBefore = runtime.createProcessInstanceQuery().count();

        var malformed = post("/api/campaigns/" + OPEN + "/applications", "{\"organisation\": {", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(malformed.body()).get("detail").asText()).contains("JSON valide");

        var invalid = post("/api/campaigns/" + OPEN + "/applications", application("pas-une-adresse", 8)
                .replace("\"970100001\"", "\"12\""), null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        var errors = json.readTree(invalid.body()).get("errors");
        assertThat(errors.toString()).contains("organisation.contactEmail", "adresse e-mail invalide", "esms[0].finess", "FINESS");

        var unknownRegion = post("/api/campaigns/" + OPEN + "/applications", application("r@candidat.example", 8)
                .replace("\"Guadeloupe\"", "\"Atlantide\""), null);
        assertThat(unknownRegion.statusCode()).isEqualTo(400);
        assertThat(unknownRegion.body()).contains("valeur « Atlantide » non permise");

        // the call's registration form decides: an unknown field of a record, a missing fact (named where this request
        // sends its facts), a derived fact that disagrees with the list
        var incomplete = post("/api/campaigns/" + OPEN + "/applications", application("i@candidat.example", 8)
                .replace("\"projectType\": \"ACQUISITION\", ", "")
                .replace("\"size\": \"MOYEN_GRAND\"", "\"size\": \"MOYEN_GRAND\", \"couleur\": \"bleu\""), null);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(json.readTree(incomplete.body()).get("errors").toString())
                .contains("{\"field\":\"projectType\",\"message\":\"obligatoire\"}", "esms[0].couleur", "champ inconnu");
        var miscounted = post("/api/campaigns/" + OPEN + "/applications", application("m@candidat.example", 8)
                .replace("\"publicType\": \"PA\"", "\"publicType\": \"PA\", \"esmsCount\": 9"), null);
        assertThat(miscounted.statusCode()).isEqualTo(400);
        assertThat(miscounted.body()).contains("\"field\":\"esmsCount\"", "doit être égal à ce que l'appel en calcule (8");

        assertThat(post("/api/campaigns/inconnue/applications", application("x@candidat.example", 8), null).statusCode()).isEqualTo(404);
        assertThat(post("/api/campaigns/" + OPEN + "/applications", "<xml/>", null, "Content-Type", "application/xml").statusCode()).isEqualTo(415);

        assertThat(count("dossier")).isEqualTo(dossiersBefore);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    @Test
    void aClosedCampaignRefusesSubmissionsWithItsDatesAndClosesAtMidnightInGuadeloupe() throws Exception {
        var created = post("/api/campaigns", campaign("esms-numerique-2021-guadeloupe", "2021-02-03", "2021-05-03",
                "2021-03-03", "2021-06-03"), basic(ADMIN, ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        var refused = post("/api/campaigns/esms-numerique-2021-guadeloupe/applications", application("tard@candidat.example", 8), null);
        assertThat(refused.statusCode()).isEqualTo(409);
        var problem = json.readTree(refused.body());
        assertThat(problem.get("detail").asText()).contains("3 février 2021", "3 mai 2021 inclus", "America/Guadeloupe");
        assertThat(problem.get("submissionClosesAt").asText()).isEqualTo("2021-05-04T04:00:00Z");

        // 3 May 2021, 23:59:59 in Guadeloupe (UTC-4) is still open; midnight there is closed — though Paris is already on 4 May.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2021-05-04T03:59:59Z")));
        var lastSecond = post("/api/campaigns/esms-numerique-2021-guadeloupe/applications", application("juste@candidat.example", 8), null);
        assertThat(lastSecond.statusCode()).as(lastSecond.body()).isEqualTo(201);
        assertThat(json.readTree(lastSecond.body()).get("dossierNumber").asText()).startsWith("ESMS-2021-");

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2021-05-04T04:00:00Z")));
        var midnight = post("/api/campaigns/esms-numerique-2021-guadeloupe/applications", application("minuit@candidat.example", 8), null);
        assertThat(midnight.statusCode()).isEqualTo(409);
    }

    @Test
    void engineRestAndStaffApiNeedALogin() throws Exception {
        assertThat(get("/engine-rest/user", null).statusCode()).isEqualTo(401);
        // a wrong password on a real account would delay its next login (Camunda's brute-force protection)
        assertThat(get("/engine-rest/task", basic("inconnu", "mauvais")).statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/task", basic(REVIEWER, REVIEWER)).statusCode()).isEqualTo(200);
        var anonymous = get("/api/campaigns/" + OPEN + "/dossiers", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(post("/api/campaigns", campaign("x-y-z", "2026-01-01", "2026-02-01", "2026-01-01", "2026-03-01"),
                basic(REVIEWER, REVIEWER)).statusCode()).isEqualTo(403);
        assertThat(get("/api/dossiers/ESMS-1999-0001", basic(REVIEWER, REVIEWER)).statusCode()).isEqualTo(404);
    }

    @Test
    void theDecisionsEvaluateAloneThroughEngineRest() throws Exception {
        var admissibility = post("/engine-rest/decision-definition/key/esms-numerique-admissibility/evaluate", """
                {"variables": {
                  "publicType": {"value": "PA", "type": "String"},
                  "projectType": {"value": "ACQUISITION", "type": "String"},
                  "managingOrganisationSize": {"value": "PETIT", "type": "String"},
                  "managingOrganisationCount": {"value": 1, "type": "Integer"},
                  "esmsCount": {"value": 7, "type": "Integer"},
                  "medicalised": {"value": true, "type": "Boolean"},
                  "coreServicesCount": {"value": 1, "type": "Integer"},
                  "honourStatementProvided": {"value": true, "type": "Boolean"},
                  "purchasingFrameworkCompliant": {"value": true, "type": "Boolean"}}}""", basic(ADMIN, ADMIN_PASSWORD));
        assertThat(admissibility.statusCode()).as(admissibility.body()).isEqualTo(200);
        var reasons = json.readTree(admissibility.body());
        assertThat(reasons.size()).isGreaterThanOrEqualTo(3);
        reasons.forEach(r -> assertThat(r.get("reason").get("value").asText()).isNotBlank());

        var funding = post("/engine-rest/decision-definition/key/esms-numerique-funding/evaluate", """
                {"variables": {
                  "projectType": {"value": "ACQUISITION", "type": "String"},
                  "esmsCount": {"value": 31, "type": "Integer"},
                  "smallEsmsEquipmentCount": {"value": 0, "type": "Integer"}}}""", basic(ADMIN, ADMIN_PASSWORD));
        assertThat(funding.statusCode()).as(funding.body()).isEqualTo(200);
        assertThat(json.readTree(funding.body()).get(0).get("grantAmount").get("value").asLong()).isEqualTo(750_000L);

        // the last tranche: 20 % of 290 000 € in four shares (criterion 4 waived), the second criterion at half its target
        var usage = post("/engine-rest/decision-definition/key/esms-numerique-usage-tranche/evaluate", """
                {"variables": {
                  "grantAmount": {"value": 290000, "type": "Long"},
                  "usageRatio1": {"value": 1.0, "type": "Double"},
                  "usageRatio2": {"value": 0.5, "type": "Double"},
                  "usageRatio3": {"value": 1.4, "type": "Double"},
                  "usageRatio5": {"value": 1.0, "type": "Double"},
                  "usageWaived4": {"value": true, "type": "Boolean"},
                  "usageWaived5": {"value": false, "type": "Boolean"}}}""", basic(ADMIN, ADMIN_PASSWORD));
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        assertThat(json.readTree(usage.body()).get(0).get("usageTrancheAmount").get("value").asLong()).isEqualTo(50_750L);
    }

    @Test
    void theFacilisoinsDecisionsEvaluateAloneThroughEngineRest() throws Exception {
        var late = post("/engine-rest/decision-definition/key/facilisoins-admissibility/evaluate", """
                {"variables": {
                  "submittedBeforeDeadline": {"value": false, "type": "Boolean"},
                  "dossierComplete": {"value": true, "type": "Boolean"},
                  "coordinatorIdentified": {"value": true, "type": "Boolean"},
                  "objectivesAdequate": {"value": true, "type": "Boolean"},
                  "territorialDynamic": {"value": true, "type": "Boolean"},
                  "engineeringCostEstimated": {"value": true, "type": "Boolean"},
                  "healthProductShareMethodology": {"value": true, "type": "Boolean"}}}""", basic(ADMIN, ADMIN_PASSWORD));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(json.readTree(late.body())).hasSize(1);
        assertThat(json.readTree(late.body()).get(0).get("reason").get("value").asText()).containsIgnoringCase("délai");

        var funding = post("/engine-rest/decision-definition/key/facilisoins-funding/evaluate", """
                {"variables": {"requestedAmount": {"value": 50001, "type": "Long"}}}""", basic(ADMIN, ADMIN_PASSWORD));
        assertThat(funding.statusCode()).as(funding.body()).isEqualTo(200);
        assertThat(json.readTree(funding.body()).get(0).get("grantAmount").get("value").asLong()).isEqualTo(50_000L);

        var marks = new StringBuilder();
        for (var criterion : List.of("scoreConstructionProjet", "scoreComprehensionEnjeux", "scoreCoherenceTerritoire",
                "scoreCaractereInnovant", "scoreActionsBesoinsSoins", "scoreEngagement", "scoreEstimationCouts",
                "scoreCapacitesOrganisationnelles", "scorePartenariats", "scoreGouvernance")) {
            marks.append("\"").append(criterion).append("\": {\"value\": 3, \"type\": \"Integer\"},");
        }
        var selection = post("/engine-rest/decision-definition/key/facilisoins-selection/evaluate",
                "{\"variables\": {" + marks + "\"arsOpinion\": {\"value\": \"FAVORABLE\", \"type\": \"String\"},"
                        + "\"cpamOpinion\": {\"value\": \"FAVORABLE\", \"type\": \"String\"}}}", basic(ADMIN, ADMIN_PASSWORD));
        assertThat(selection.statusCode()).as(selection.body()).isEqualTo(200);
        var result = json.readTree(selection.body()).get(0);
        assertThat(result.get("score").get("value").asInt()).isEqualTo(35);
        assertThat(result.get("maxScore").get("value").asInt()).isEqualTo(55);
    }

    // --- helpers: what a client of the API does ---

    static String application(String email, int esmsCount) {
        var esms = new StringBuilder();
        for (int i = 1; i <= esmsCount; i++) {
            esms.append(i > 1 ? "," : "").append("""
                    {"finess": "%s", "name": "EHPAD n°%d", "region": "Guadeloupe", "size": "MOYEN_GRAND", "medicalised": true}"""
                    .formatted("97010%04d".formatted(i), i));
        }
        return """
                {"organisation": {"name": "Association Les Flamboyants", "contactEmail": "%s"},
                 "project": {"title": "Dossier usager informatisé mutualisé", "description": "Acquisition d'un DUI."},
                 "publicType": "PA", "projectType": "ACQUISITION", "managingOrganisationSize": "MOYEN_GRAND",
                 "managingOrganisationCount": 1, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [%s]}""".formatted(email, esms);
    }

    static String campaign(String key, String opens, String closes, String selectionOpens, String selectionCloses) {
        return """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — amorçage — Guadeloupe",
                 "region": "Guadeloupe", "timeZone": "America/Guadeloupe",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 2000000, "dossierPrefix": "ESMS", "reviewerGroup": "instructeurs-guadeloupe",
                 "committeeGroup": "comite-guadeloupe"}""".formatted(key, opens, closes, selectionOpens, selectionCloses);
    }

    void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setPassword(id);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    String statusOf(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single();
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    MimeMessage awaitMail(String recipient, String messageIdStart) {
        return Mails.await(recipient, messageIdStart);
    }

    String awaitTask(String user, String businessKey, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var tasks = json.readTree(get("/engine-rest/task?processInstanceBusinessKey=" + businessKey
                    + "&taskDefinitionKey=" + taskKey, basic(user, user)).body());
            return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    void claimAndComplete(String user, String taskId, Map<String, Object> variables) throws Exception {
        var claim = post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}", basic(user, user));
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
        var complete = post("/engine-rest/task/" + taskId + "/complete",
                json.writeValueAsString(Map.of("variables", variables)), basic(user, user));
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(204);
    }

    static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    static String basic(String user, String password) {
        return Api.basic(user, password);
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return new Api(port).get(path, authorization);
    }

    HttpResponse<String> post(String path, String body, String authorization, String... headers) throws Exception {
        return new Api(port).post(path, body, authorization, headers);
    }

    HttpResponse<String> upload(String number, String filename, byte[] content, String type, String authorization) throws Exception {
        return new Api(port).upload(number, filename, content, type, authorization);
    }
}
