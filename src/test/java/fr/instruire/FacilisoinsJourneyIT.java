package fr.instruire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.campaign.CampaignDocuments;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.intake.IntakeService;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.Api;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;

/**
 * The Facilisoins call end to end with its real delegates: a campaign opened through the API with the call's own
 * variables, two dossiers received by mail and registered by the national secretariat, the recevabilité, the ARS's
 * and the CPAM's opinions, the selection grid, the national proposal and the CTIS's opinion, the decisions mailed with
 * the ARS in copy, the arrêté and its annex, the experimentation with an écart substantiel, and its end 18 months on.
 */
@ApplicationIT
class FacilisoinsJourneyIT {

    static final String CAMPAIGN = "facilisoins-it";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String NATIONAL = "equipe.it";
    static final String ARS = "ars.it";
    static final String CPAM = "cpam.it";
    static final String CTIS = "ctis.it";
    static final String DGCS_USER = "dgcs.it";
    /** The call's default finance team (calls/facilisoins.yaml, campaignDefaults.financeGroup). */
    static final String FINANCE = "finances.it";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "facilisoins");
    }

    @LocalServerPort
    int port;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired IntakeService intake;
    @Autowired Campaigns campaigns;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;
    @Autowired CampaignDocuments documents;
    @Autowired JdbcClient jdbc;
    /** The dossier whose CPAM gives no opinion. */
    String silentCpamFor;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaignAndAccounts() throws Exception {
        var today = LocalDate.now(PARIS);
        var created = post("/api/campaigns", """
                {"key": "%s", "callId": "facilisoins", "title": "Facilisoins — session de test",
                 "region": "Île-de-France", "timeZone": "Europe/Paris",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 1500000, "dossierPrefix": "FACI", "reviewerGroup": "equipe-nationale-it",
                 "committeeGroup": "ctis-it",
                 "variables": {"nationalTeamGroup": "equipe-nationale-it", "dgcsGroup": "dgcs-it", "ctisGroup": "ctis-it",
                   "places": 1, "ctisOpensAt": "%s", "resultsBy": "%s", "opinionDelay": "P15D", "opinionReminder": "P10D",
                   "experimentationDuration": "P18M", "actionPlanUpdateCycle": "R/P1Y", "dataDeliveryCycle": "R/P3M"}}"""
                .formatted(CAMPAIGN, today.minusDays(30), today.minusDays(1), today.minusDays(1), today.plusDays(30),
                        today.plusDays(10), today.plusDays(20)), basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var refused = post("/api/campaigns", """
                {"key": "facilisoins-refusee", "callId": "facilisoins", "title": "Refusée", "region": "Île-de-France",
                 "timeZone": "Europe/Paris", "submissionOpens": "2026-01-01", "submissionCloses": "2026-02-01",
                 "selectionOpens": "2026-02-01", "selectionCloses": "2026-03-01", "budgetEnvelope": 1,
                 "dossierPrefix": "FACI", "reviewerGroup": "a", "committeeGroup": "b",
                 "variables": {"campaignKey": "x", "places": [1]}}""", basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("variables.campaignKey", "variables.places");
        user(NATIONAL, "equipe-nationale-it");
        identity.createMembership(NATIONAL, "dgcs-it");
        user(CTIS, "ctis-it");
        user(DGCS_USER, "dgcs-it");
        user(FINANCE, "facilisoins-finance");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void twoMailDossiersGoFromRegistrationToTheEndOfTheExperimentation() throws Exception {
        var campaign = campaigns.get(CAMPAIGN);
        var selected = receiveByMail(campaign, "direction@ecureuils.example");
        var other = receiveByMail(campaign, "direction@tilleuls.example");
        awaitMail("direction@ecureuils.example", selected + ".accuse-reception.1");

        instruct(selected, "MAS Les Écureuils", "ADULTES", 60_000, 5);
        // the regional groups exist once the first dossier reached the opinions: accounts for them
        silentCpamFor = other;
        instruct(other, "IME Les Tilleuls", "ENFANTS", 30_000, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> DossierStatus.INSTRUCTED.equals(dossiers.get(other).status()));
        assertThat(dossiers.get(selected).score()).isGreaterThan(dossiers.get(other).score());
        assertThat(dossiers.get(selected).grantAmount()).isEqualTo(50_000L);
        assertThat(facts.of(selected)).containsEntry("arsOpinion", "FAVORABLE").containsEntry("cpamOpinion", "FAVORABLE");
        assertThat(facts.of(other)).containsEntry("arsOpinion", "FAVORABLE").containsEntry("cpamOpinion", "NON_RENDU");
        assertThat(get("/dossiers/" + other, basic(NATIONAL, NATIONAL)).body()).contains("Non rendu à la date limite",
                "Avis de la CPAM : non rendu à la date limite");

        // the staff's dossier page and list: the call's facts, the score out of the call's own maximum, the region
        var max = ((Number) facts.of(selected).get("maxScore")).intValue();
        var score = dossiers.get(selected).score();
        var page = get("/dossiers/" + selected, basic(NATIONAL, NATIONAL));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains(score + " / " + max, "Île-de-France", "MAS Les Écureuils")
                .doesNotContain("ESMS concernés", " / 25<");
        // its facts under the labels of its registration form and descriptor, in words; its status in its call's words
        assertThat(page.body()).contains("<dt>Raison sociale</dt>", "<dt>Public accueilli</dt>", "<dt>Avis de la CPAM</dt>",
                "<dd>Favorable</dd>").doesNotContain("<dd>FAVORABLE</dd>", "cpamOpinion");
        var staffList = get("/dossiers?campaign=" + CAMPAIGN, basic(NATIONAL, NATIONAL));
        assertThat(staffList.statusCode()).as(staffList.body()).isEqualTo(200);
        assertThat(staffList.body()).contains(selected, other, score + " / " + max, "<option value=\"Île-de-France\"",
                "<th>Public accueilli</th>");
        var inRegion = get("/dossiers?campaign=" + CAMPAIGN + "&region=" + java.net.URLEncoder.encode("Île-de-France",
                StandardCharsets.UTF_8), basic(NATIONAL, NATIONAL)).body();
        assertThat(inRegion).contains(selected, other);
        assertThat(get("/dossiers?campaign=" + CAMPAIGN + "&region=Bretagne", basic(NATIONAL, NATIONAL)).body())
                .doesNotContain(selected, other);

        // the national proposal: the agenda is in the form's shape, the best « places » (1) proposed
        var proposer = awaitTask(CAMPAIGN, "Activity_ProposerSelection");
        await().atMost(Duration.ofSeconds(30)).until(() -> variable(proposer, "selectionList").size() == 2);
        var list = variable(proposer, "selectionList");
        assertThat(list.get(0).get("dossierNumber").asText()).isEqualTo(selected);
        assertThat(list.get(0).get("establishment").asText()).isEqualTo("MAS Les Écureuils");
        assertThat(list.get(0).get("grantAmount").asText()).endsWith("€");
        assertThat(list.get(0).get("arsOpinion").asText()).isEqualTo("Favorable");
        assertThat(tasks.getVariable(proposer, "selectionPlaces")).isEqualTo(1);
        var balance = variable(proposer, "selectionBalance");
        assertThat(balance.get(balance.size() - 1).toString()).isEqualTo("{\"region\":\"Total\",\"instructed\":2,\"enfants\":1,\"adultes\":1}");
        var proposal = variable(proposer, "selectionProposal");
        assertThat(proposal.toString()).contains("\"dossierNumber\":\"" + selected + "\",\"proposal\":\"RETENU\"",
                "\"dossierNumber\":\"" + other + "\",\"proposal\":\"NON_RETENU\"");
        complete(NATIONAL, proposer, Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", selected, "proposal", "RETENU", "reason", ""),
                Map.of("dossierNumber", other, "proposal", "NON_RETENU", "reason", "Classement au-delà des places ouvertes.")))));

        var ctis = awaitTask(CAMPAIGN, "Activity_RecueillirAvisCtis");
        // the CTIS cannot turn the national team's proposal around: refused, the proposal stays the team's
        var flipped = httpComplete(CTIS, ctis, Map.of("selectionProposal", typed(json.writeValueAsString(List.of(
                Map.of("dossierNumber", selected, "proposal", "RETENU", "reason", "", "ctisOpinion", "FAVORABLE", "ctisComment", ""),
                Map.of("dossierNumber", other, "proposal", "RETENU", "reason", "Classement au-delà des places ouvertes.",
                        "ctisOpinion", "FAVORABLE", "ctisComment", ""))), "Json")));
        assertThat(flipped.statusCode()).as(flipped.body()).isEqualTo(400);
        assertThat(flipped.body()).contains("« Proposition de l'équipe nationale » est en lecture seule");
        assertThat(variable(ctis, "selectionProposal").get(1).get("dossierNumber").asText()).isEqualTo(other);
        assertThat(variable(ctis, "selectionProposal").get(1).get("proposal").asText()).isEqualTo("NON_RETENU");
        assertThat(tasks.createTaskQuery().taskId(ctis).count()).isEqualTo(1);
        complete(CTIS, ctis, Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", selected, "proposal", "RETENU", "reason", "", "ctisOpinion", "FAVORABLE", "ctisComment", ""),
                Map.of("dossierNumber", other, "proposal", "NON_RETENU", "reason", "Classement au-delà des places ouvertes.",
                        "ctisOpinion", "FAVORABLE", "ctisComment", "")))));

        var decision = awaitMail("direction@ecureuils.example", selected + ".decision.1");
        assertThat(Arrays.toString(decision.getRecipients(Message.RecipientType.CC))).contains("ARS-IDF-ART51@ars.sante.fr");
        awaitMail("direction@tilleuls.example", other + ".decision.1");
        assertThat(dossiers.history(other)).anySatisfy(e -> assertThat(e.detail()).isEqualTo("Non retenu — Classement au-delà des places ouvertes."));
        await().atMost(Duration.ofSeconds(30)).until(() -> DossierStatus.NOT_SELECTED.equals(dossiers.get(other).status()));
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(other).count() == 0);

        var arrete = awaitTask(CAMPAIGN, "Activity_PrendreArrete");
        complete(NATIONAL, arrete, Map.of("arreteDate", Date.from(LocalDate.now(PARIS).atStartOfDay(PARIS).toInstant()),
                "arreteReference", "NOR SSAS2610000A"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "EXPERIMENTATION".equals(dossiers.get(selected).status()));
        var docs = documents.of(CAMPAIGN);
        assertThat(docs).extracting(CampaignDocuments.CampaignDocument::kind).containsExactly("ARRETE_ANNEX_PDF", "ARRETE_ANNEX_CSV");
        var csv = new String(documents.content(docs.get(1).id()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv.split("\r\n")[1]).isEqualTo("MAS Les Écureuils;MAS;Île-de-France;Adultes;50000");
        try (var pdf = Loader.loadPDF(documents.content(docs.get(0).id()).orElseThrow())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("MAS Les Écureuils").doesNotContain("Tilleuls");
        }
        // staff of the campaign download the annex; another team may not
        var download = get("/campaigns/" + CAMPAIGN + "/documents/" + docs.get(0).id(), basic(NATIONAL, NATIONAL));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(get("/campaigns/" + CAMPAIGN + "/documents/" + docs.get(1).id(), basic(CTIS, CTIS)).statusCode()).isEqualTo(200);
        assertThat(get("/campaigns/" + CAMPAIGN + "/documents/" + docs.get(1).id(), basic("ars.autre", "ars.autre")).statusCode()).isEqualTo(403);

        // the experimentation: contractualisation for the ARS and the national team; an écart reaches the team at once
        awaitTask(selected, "Activity_Contractualiser");
        intake.reportEcart(selected, "Le recrutement de l'infirmière coordinatrice est reporté de six mois.");
        var ecart = awaitTask(selected, "Activity_TraiterEcart");
        assertThat(tasks.getVariable(ecart, "ecart")).isEqualTo("Le recrutement de l'infirmière coordinatrice est reporté de six mois.");
        complete(NATIONAL, ecart, Map.of("ecartAnalyse", "Report acceptable, calendrier à revoir.", "ecartSuite", "PLAN_A_REVISER"));
        assertThat(dossiers.history(selected)).anySatisfy(e -> assertThat(e.detail())
                .contains("Report acceptable, calendrier à revoir.", "PLAN_A_REVISER"));

        // 18 months later
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(selected).singleResult().getId();
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.now(PARIS).plusMonths(18).plusDays(1).toInstant()));
        assertThat(management.createJobQuery().processInstanceId(instance).activityId("Event_DureeExperimentationEcoulee").count()).isEqualTo(1);
        // the job executor runs the now due timers: the end one, and the yearly and quarterly ones it then closes; run by
        // hand, the end timer could collide with the executor picking it up (optimistic locking), so it is left to it
        await().atMost(Duration.ofSeconds(30)).until(() -> "EXPERIMENTATION_ENDED".equals(dossiers.get(selected).status()));
        // the balance of the credits (the whole grant here: the contract was never signed), released then paid
        var release = awaitTask(selected, "Activity_LibererTranche");
        complete(NATIONAL, release, Map.of("trancheEvidence", "Bilan de l'expérimentation et données d'évaluation livrées"));
        var payment = awaitTask(selected, "Activity_MettreEnPaiement");
        complete(FINANCE, payment, Map.of("paymentReference", "Mandat FISS 2027-0042"));
        awaitMail(dossiers.get(selected).contactEmail(), selected + ".versement-tranche.1");
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(selected).count() == 0);
    }

    String receiveByMail(fr.instruire.campaign.Campaign campaign, String sender) {
        var now = Instant.now();
        return intake.createDossier(campaign, IntakeService.Arrival.mail(sender, false, "Candidature reçue par courriel"), null,
                number -> new Dossier(number, campaign.key(), DossierStatus.RECEIVED, sender, null, null, sender,
                        "Candidature Facilisoins", null, null, null, now, now))
                .number();
    }

    /** Registration, recevabilité, the two opinions and the selection grid, as the national team, the ARS and the CPAM. */
    void instruct(String number, String name, String publicAccueilli, long requested, int mark) throws Exception {
        var registration = awaitTask(number, "Activity_EnregistrerCandidature");
        var registered = new HashMap<String, Object>(Map.of("raisonSociale", name, "statutJuridique", "Association",
                "categorieEsms", name.startsWith("MAS") ? "MAS" : "IME", "region", "Île-de-France", "publicAccueilli", publicAccueilli,
                "contactNom", "Mme Directrice", "contactEmail", dossiers.get(number).contactEmail(),
                "adresse", "1 rue des Écureuils, 75011 Paris", "requestedAmount", requested));
        registered.putAll(Map.of("partProduitsSanteN1", 12.5, "partProduitsSanteN2", 11.0, "partProduitsSanteN3", 9.8));
        complete(NATIONAL, registration, registered);
        var review = awaitTask(number, "Activity_VerifierRecevabilite");
        complete(NATIONAL, review, Map.of("submittedBeforeDeadline", true, "dossierComplete", true, "coordinatorIdentified", true,
                "objectivesAdequate", true, "territorialDynamic", true, "engineeringCostEstimated", true,
                "healthProductShareMethodology", true, "recevabiliteDecision", "RECEVABLE"));
        // « de manière conjointe avec la DGCS »: no assessment leaves without the DGCS, which must say why it sends one back
        var validation = awaitTask(number, "Activity_ValiderRecevabiliteDgcs");
        var silent = httpComplete(DGCS_USER, validation, Map.of("dgcsDisagrees", typed(true, "Boolean")));
        assertThat(silent.statusCode()).isEqualTo(400);
        assertThat(silent.body()).contains("Motivez votre choix");
        // four eyes: the team member who assessed it, though also of the DGCS's group, cannot validate it
        tasks.setAssignee(validation, null);
        var own = httpComplete(NATIONAL, validation, Map.of("dgcsDisagrees", typed(false, "Boolean")));
        tasks.setAssignee(validation, null);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(400);
        assertThat(own.body()).contains("une autre personne doit la valider");
        complete(DGCS_USER, validation, Map.of("dgcsDisagrees", false));
        var ars = awaitTask(number, "Activity_AvisArs");
        var cpam = awaitTask(number, "Activity_AvisCpam");
        user(ARS, "ars-ile-de-france");
        user(CPAM, "cpam-ile-de-france");
        assertThat(tasks.createTaskQuery().taskId(ars).taskCandidateGroup("ars-ile-de-france").count()).isEqualTo(1);
        // the ARS asked for its opinion opens this dossier's page (its form links there), and no other team's
        assertThat(get("/api/dossiers/" + number, basic(ARS, ARS)).statusCode()).isEqualTo(200);
        assertThat(get("/api/dossiers/" + number, basic(CTIS, CTIS)).statusCode()).as("a group the call names").isEqualTo(200);
        if (identity.createGroupQuery().groupId("ars-normandie").count() == 0) {
            identity.saveGroup(identity.newGroup("ars-normandie"));
        }
        user("ars.autre", "ars-normandie");
        assertThat(get("/api/dossiers/" + number, basic("ars.autre", "ars.autre")).statusCode()).isEqualTo(403);
        // the ARS files its opinion as the CPAM's, then on the CPAM's own task: both refused, nothing recorded
        var asCpam = httpComplete(ARS, ars, Map.of("opinionOf", typed("CPAM", "String"),
                "opinion", typed("DEFAVORABLE", "String"), "opinionText", typed("Avis à la place de la CPAM", "String")));
        assertThat(asCpam.statusCode()).as(asCpam.body()).isEqualTo(400);
        assertThat(asCpam.body()).contains("« opinionOf » n'est pas un champ du formulaire de cette tâche");
        var onCpamTask = new Api(port).post("/engine-rest/task/" + cpam + "/complete", json.writeValueAsString(Map.of("variables",
                Map.of("opinion", typed("DEFAVORABLE", "String"), "opinionText", typed("Avis de l'ARS", "String")))), basic(ARS, ARS));
        assertThat(onCpamTask.statusCode()).as(onCpamTask.body()).isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(cpam).count()).isEqualTo(1);
        assertThat(facts.of(number)).doesNotContainKeys("arsOpinion", "cpamOpinion");
        complete(ARS, ars, Map.of("opinion", "FAVORABLE", "opinionText", "Projet cohérent avec le PRS."));
        if (number.equals(silentCpamFor)) {
            // the CPAM never answers: at the opinion's due date it is « non rendu », and the dossier goes on
            var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
            var due = management.createJobQuery().processInstanceId(instance).activityId("Event_EcheanceAvisCpam").singleResult();
            management.executeJob(due.getId());
            await().atMost(Duration.ofSeconds(30)).until(() -> "NON_RENDU".equals(facts.of(number).get("cpamOpinion")));
            assertThat(tasks.createTaskQuery().taskId(cpam).count()).isZero();
        } else {
            complete(CPAM, cpam, Map.of("opinion", "FAVORABLE", "opinionText", "Bonne articulation avec la ville."));
        }
        var grid = awaitTask(number, "Activity_NoterDossier");
        var marks = new HashMap<String, Object>();
        for (var criterion : List.of("scoreConstructionProjet", "scoreComprehensionEnjeux", "scoreCoherenceTerritoire",
                "scoreCaractereInnovant", "scoreActionsBesoinsSoins", "scoreEngagement", "scoreEstimationCouts",
                "scoreCapacitesOrganisationnelles", "scorePartenariats", "scoreGouvernance")) {
            marks.put(criterion, mark);
        }
        complete(NATIONAL, grid, marks);
        await().atMost(Duration.ofSeconds(30)).until(() -> DossierStatus.INSTRUCTED.equals(dossiers.get(number).status()));
    }

    void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setPassword(id);
            user.setEmail(id + "@example.org");
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    String awaitTask(String businessKey, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var found = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).list();
            return found.size() == 1 ? found.get(0).getId() : null;
        }, id -> id != null);
    }

    void complete(String user, String taskId, Map<String, Object> variables) {
        tasks.claim(taskId, user);
        identity.setAuthenticatedUserId(user);
        try {
            tasks.complete(taskId, variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** A completion over /engine-rest as the user, with REST's typed variables: what Tasklist sends. */
    HttpResponse<String> httpComplete(String user, String taskId, Map<String, Object> variables) throws Exception {
        if (tasks.createTaskQuery().taskId(taskId).taskAssignee(user).count() == 0) {
            var claim = new Api(port).post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}", basic(user, user));
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
        }
        return new Api(port).post("/engine-rest/task/" + taskId + "/complete", json.writeValueAsString(Map.of("variables", variables)),
                basic(user, user));
    }

    static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    JsonNode variable(String taskId, String name) throws Exception {
        return json.readTree(tasks.getVariable(taskId, name).toString());
    }

    Object jsonValue(Object value) throws Exception {
        return SpinValues.jsonValue(json.writeValueAsString(value)).create();
    }

    MimeMessage awaitMail(String recipient, String messageIdStart) {
        return Mails.await(recipient, messageIdStart);
    }

    HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return new Api(port).post(path, body, authorization);
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return new Api(port).get(path, authorization);
    }

    static String basic(String user, String password) {
        return Api.basic(user, password);
    }
}
