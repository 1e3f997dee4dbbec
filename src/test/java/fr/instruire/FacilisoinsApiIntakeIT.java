package fr.instruire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

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

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.Api;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;

/**
 * « The foundation's API intake works for this call too »: a Facilisoins application over HTTP in the generic shape
 * ({organisation, project, facts}), its facts checked against the call's registration form, not against Java.
 */
@ApplicationIT
class FacilisoinsApiIntakeIT {

    static final String CAMPAIGN = "facilisoins-api-it";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "facilisoins_api");
    }

    @LocalServerPort
    int port;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;
    @Autowired JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaign() throws Exception {
        var today = LocalDate.now(PARIS);
        var created = post("/api/campaigns", """
                {"key": "%s", "callId": "facilisoins", "title": "Facilisoins — dépôt par l'API",
                 "region": "Île-de-France", "timeZone": "Europe/Paris",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 1500000, "dossierPrefix": "FAPI", "reviewerGroup": "equipe-nationale-api",
                 "committeeGroup": "ctis-api",
                 "variables": {"nationalTeamGroup": "equipe-nationale-api", "dgcsGroup": "dgcs-api", "ctisGroup": "ctis-api",
                   "places": 30, "ctisOpensAt": "%s", "resultsBy": "%s", "opinionDelay": "P15D", "opinionReminder": "P10D",
                   "experimentationDuration": "P18M", "actionPlanUpdateCycle": "R/P1Y", "dataDeliveryCycle": "R/P3M"}}"""
                .formatted(CAMPAIGN, today.minusDays(10), today.plusDays(10), today.plusDays(11), today.plusDays(40),
                        today.plusDays(20), today.plusDays(30)), basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static String application(String email, String factsJson) {
        return """
                {"organisation": {"name": "Association Les Écureuils", "contactEmail": "%s", "contactName": "Mme Directrice"},
                 "project": {"title": "Facilisoins à la MAS Les Écureuils", "description": "Infirmière coordinatrice"},
                 "facts": {%s}}""".formatted(email, factsJson);
    }

    static final String VALID_FACTS = """
            "raisonSociale": "MAS Les Écureuils", "statutJuridique": "Association", "categorieEsms": "MAS",
            "dateCreation": "1998-09-01", "adresse": "1 rue des Écureuils, 75011 Paris", "region": "Île-de-France",
            "publicAccueilli": "ADULTES", "contactNom": "Mme Directrice", "contactEmail": "direction@ecureuils-api.example",
            "partProduitsSanteN1": 12500.5, "partProduitsSanteN2": 11000, "partProduitsSanteN3": 9800,
            "requestedAmount": 45000""";

    @Test
    void aFacilisoinsApplicationOverHttpGoesStraightToTheNationalRecevabilite() throws Exception {
        var response = post("/api/campaigns/" + CAMPAIGN + "/applications",
                application("direction@ecureuils-api.example", VALID_FACTS), null, "facilisoins-api-1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var body = json.readTree(response.body());
        var number = body.get("dossierNumber").asText();
        var token = body.get("accessToken").asText();
        assertThat(number).startsWith("FAPI-");
        assertThat(token).isNotBlank();

        var dossier = dossiers.get(number);
        assertThat(dossier.organisationName()).isEqualTo("Association Les Écureuils");
        assertThat(dossier.contactEmail()).isEqualTo("direction@ecureuils-api.example");
        assertThat(dossier.contactName()).isEqualTo("Mme Directrice");
        assertThat(facts.of(number))
                .containsEntry("raisonSociale", "MAS Les Écureuils")
                .containsEntry("region", "Île-de-France")
                .containsEntry("publicAccueilli", "ADULTES")
                .containsEntry("dateCreation", "1998-09-01")
                .containsEntry("partProduitsSanteN1", 12500.5)
                .containsEntry("requestedAmount", 45000L)
                .containsEntry("submittedBeforeDeadline", true)
                .doesNotContainKey("agrement");

        // no registration task: an API dossier goes straight to the national recevabilité
        var review = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(number).taskDefinitionKey("Activity_VerifierRecevabilite").list(), l -> l.size() == 1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Activity_EnregistrerCandidature").count()).isZero();
        assertThat(review).hasSize(1);

        var ack = awaitMail("direction@ecureuils-api.example", number + ".accuse-reception.1");
        assertThat(Arrays.toString(ack.getRecipients(Message.RecipientType.CC))).contains("ARS-IDF-ART51@ars.sante.fr");

        // the same Idempotency-Key gives the same dossier back
        var afterFirst = countDossiers();
        var replay = post("/api/campaigns/" + CAMPAIGN + "/applications",
                application("direction@ecureuils-api.example", VALID_FACTS), null, "facilisoins-api-1");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(replay.body()).get("dossierNumber").asText()).isEqualTo(number);
        assertThat(countDossiers()).isEqualTo(afterFirst);

        // the dossier's token opens it; an écart is refused before the experimentation
        var status = get("/api/dossiers/" + number, "Bearer " + token);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        var ecart = post("/api/dossiers/" + number + "/ecarts", "{\"description\": \"Recrutement reporté\"}", "Bearer " + token, null);
        assertThat(ecart.statusCode()).as(ecart.body()).isEqualTo(409);
        assertThat(ecart.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(dossiers.history(number)).noneSatisfy(e -> assertThat(e.kind()).isEqualTo("ECART_SUBSTANTIEL"));
    }

    @Test
    void anApplicationTheFormRefusesIsRefusedFieldByFieldAndNothingIsKept() throws Exception {
        var before = countDossiers();
        var missing = refused(VALID_FACTS.replace("\"region\": \"Île-de-France\",", ""));
        assertThat(errors(missing)).containsEntry("facts.region", "obligatoire");

        var wrongType = refused(VALID_FACTS.replace("\"requestedAmount\": 45000", "\"requestedAmount\": \"45 000 €\""));
        assertThat(errors(wrongType)).containsEntry("facts.requestedAmount", "nombre attendu");

        var unknown = refused(VALID_FACTS + ", \"nombreDeLits\": 40");
        assertThat(errors(unknown)).containsEntry("facts.nombreDeLits", "fait inconnu pour cet appel");

        var notAnOption = refused(VALID_FACTS.replace("\"ADULTES\"", "\"SENIORS\""));
        assertThat(errors(notAnOption).get("facts.publicAccueilli")).contains("SENIORS", "ENFANTS", "ADULTES");

        var notADate = refused(VALID_FACTS.replace("1998-09-01", "01/09/1998"));
        assertThat(errors(notADate)).containsKey("facts.dateCreation");

        var negative = refused(VALID_FACTS.replace("\"partProduitsSanteN3\": 9800", "\"partProduitsSanteN3\": -1"));
        assertThat(errors(negative)).containsEntry("facts.partProduitsSanteN3", "au moins 0");

        var noOrganisation = post("/api/campaigns/" + CAMPAIGN + "/applications",
                "{\"project\": {\"title\": \"Sans porteur\"}, \"facts\": {" + VALID_FACTS + "}}", null, null);
        assertThat(noOrganisation.statusCode()).isEqualTo(400);
        assertThat(errors(noOrganisation)).containsEntry("organisation", "obligatoire");

        assertThat(countDossiers()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM dossier_fact WHERE dossier_number NOT IN (SELECT dossier_number FROM dossier)")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theOpenApiDocumentGivesTheOneShapeOfEveryCall() throws Exception {
        var response = get("/api/openapi", null);
        assertThat(response.statusCode()).isEqualTo(200);
        var body = json.readTree(response.body()).at("/paths/~1api~1campaigns~1{campaignKey}~1applications/post/requestBody");
        assertThat(body.toString()).contains("ApplicationRequest", "formulaire d'enregistrement");
        assertThat(json.readTree(response.body()).at("/components/schemas/ApplicationRequest/properties").has("facts")).isTrue();
    }

    HttpResponse<String> refused(String factsJson) throws Exception {
        var response = post("/api/campaigns/" + CAMPAIGN + "/applications", application("refus@example.org", factsJson), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        return response;
    }

    Map<String, String> errors(HttpResponse<String> response) throws Exception {
        var result = new java.util.HashMap<String, String>();
        for (JsonNode error : json.readTree(response.body()).get("errors")) {
            result.put(error.get("field").asText(), error.get("message").asText());
        }
        return result;
    }

    long countDossiers() {
        return jdbc.sql("SELECT count(*) FROM dossier WHERE campaign_key = ?").param(CAMPAIGN).query(Long.class).single();
    }

    MimeMessage awaitMail(String recipient, String messageIdStart) {
        return Mails.await(recipient, messageIdStart);
    }

    HttpResponse<String> post(String path, String body, String authorization, String idempotencyKey) throws Exception {
        return new Api(port).post(path, body, authorization, "Idempotency-Key", idempotencyKey);
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return new Api(port).get(path, authorization);
    }

    static String basic(String user, String password) {
        return Api.basic(user, password);
    }
}
