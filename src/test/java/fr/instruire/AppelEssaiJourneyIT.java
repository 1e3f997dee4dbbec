package fr.instruire;

import static fr.instruire.support.EngineRestTasks.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
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
import fr.instruire.support.Staff;

/**
 * A call that is files only, end to end. « Télésoins de proximité » ({@code appel-essai}) is defined under
 * {@code src/test/resources} — {@code calls/appel-essai.yaml}, {@code bpmn/appel-essai/}, {@code dmn/appel-essai/},
 * {@code forms/appel-essai/}, {@code templates/mail/appel-essai/} — and deployed in test contexts only, by the same
 * classpath patterns as the real calls. <strong>No Java is specific to this call</strong>: not in {@code src/main}, not
 * in this test, which speaks to the platform as its users do — an administrator opens a campaign and an applicant
 * applies over Instruire's API, the reviewer and the committee complete their tasks over {@code /engine-rest} as
 * themselves, the applicant's mails arrive in GreenMail. What the call does beyond the platform's generic beans is
 * its descriptor's, its decision tables' and its forms'. docs/adding-a-call.md walks through these files.
 */
@ApplicationIT
class AppelEssaiJourneyIT {

    static final String CAMPAIGN = "appel-essai-it";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String REVIEWERS = "instructeurs-essai";
    static final String COMMITTEE_GROUP = "comite-essai";
    static final String REVIEWER = "instructeur.essai";
    static final String COMMITTEE = "comite.essai";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "appelessai");
    }

    @LocalServerPort
    int port;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaignAndAccounts() throws Exception {
        var today = LocalDate.now(PARIS);
        var created = post("/api/campaigns", """
                {"key": "%s", "callId": "appel-essai", "title": "Télésoins de proximité — session d'essai",
                 "region": "Bretagne", "timeZone": "Europe/Paris",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 500000, "dossierPrefix": "ESSAI", "reviewerGroup": "%s", "committeeGroup": "%s"}"""
                .formatted(CAMPAIGN, today.minusDays(10), today.plusDays(20), today.minusDays(1), today.plusDays(40),
                        REVIEWERS, COMMITTEE_GROUP), basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the campaign created its work groups
        Staff.user(identity, REVIEWER, REVIEWERS);
        Staff.user(identity, COMMITTEE, COMMITTEE_GROUP);
    }

    @Test
    void anApplicationGoesFromTheApiToTheCommitteesDecisionAndItsInterventionRate() throws Exception {
        // the facts are checked against forms/appel-essai/appel-essai-enregistrement.form: nothing is kept of a refusal
        long before = dossiers.list(CAMPAIGN, null, null, false).size();
        var refused = apply("refus@essai.example", """
                {"typeStructure": "EHPAD", "professionnelsCount": 0, "requestedAmount": 1000, "budget": 3}""");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).contains("facts.typeStructure", "facts.professionnelsCount", "facts.budget");
        assertThat(refused.body()).contains("EHPAD");
        assertThat(dossiers.list(CAMPAIGN, null, null, false)).hasSize((int) before);

        var submitted = apply("contact@cpts-morlaix.example", """
                {"typeStructure": "CPTS", "professionnelsCount": 12, "requestedAmount": 55000,
                 "territoire": "Pays de Morlaix"}""");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var number = json.readTree(submitted.body()).get("dossierNumber").asText();
        assertThat(number).matches("ESSAI-\\d{4}-\\d{4}");
        var ack = Mails.await("contact@cpts-morlaix.example", number + ".accuse-reception.1");
        assertThat(ack.getSubject()).startsWith("Télésoins de proximité").contains(number);
        assertThat(plain(ack.getContent())).contains("Montant demandé : 55 000 €", "CPTS du pays de Morlaix");

        // the reviewer, a member of the campaign's reviewer group, sees the call's facts and the computed grant
        var instruction = engine().await(REVIEWER, number, "Activity_InstruireDossier");
        var view = json.readTree(String.valueOf(tasks.getVariable(instruction, "dossier")));
        assertThat(view.get("typeStructure").asText()).isEqualTo("Communauté professionnelle territoriale de santé");
        assertThat(plain(view.get("grant").asText())).isEqualTo("40 000 €");
        engine().claim(REVIEWER, instruction);
        var outOfScale = engine().complete(REVIEWER, instruction, Map.of("scorePertinence", typed(6, "Integer"),
                "scoreFaisabilite", typed(3, "Integer"), "instructionComment", typed("Projet solide.", "String")));
        assertThat(outOfScale.statusCode()).as("the instruction form bounds each mark").isEqualTo(400);
        var instructed = engine().complete(REVIEWER, instruction, Map.of("scorePertinence", typed(4, "Integer"),
                "scoreFaisabilite", typed(3, "Integer"), "instructionComment", typed("Projet solide, territoire étendu.", "String")));
        assertThat(instructed.statusCode()).as(instructed.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(dossiers.get(number).status()));
        assertThat(dossiers.get(number).score()).as("appel-essai-selection: 4 + 3").isEqualTo(7);
        assertThat(dossiers.get(number).grantAmount()).as("appel-essai-funding: a CPTS, capped at 40 000 €").isEqualTo(40_000L);
        assertThat(((Number) facts.of(number).get("maxScore")).intValue()).isEqualTo(10);

        // the committee sits: its decision row carries the call's own field, the intervention rate
        var sitting = engine().await(COMMITTEE, CAMPAIGN, "Activity_TenirSeanceComite");
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(tasks.getVariable(sitting, "committeeDecisions")).contains(number));
        engine().claim(COMMITTEE, sitting);
        var rateOutOfBounds = engine().complete(COMMITTEE, sitting, sitting(number, 150));
        assertThat(rateOutOfBounds.statusCode()).as("the sitting form bounds the rate (0 to 100)").isEqualTo(400);
        assertThat(rateOutOfBounds.body()).contains("Taux d'intervention (%)");
        var decided = engine().complete(COMMITTEE, sitting, sitting(number, 80));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> "SELECTED".equals(dossiers.get(number).status()));
        var decision = Mails.await("contact@cpts-morlaix.example", number + ".decision.1");
        assertThat(decision.getSubject()).contains(number);
        assertThat(plain(decision.getContent())).contains("a retenu votre projet", "40 000 €");

        // the extra field of the decision row reaches the dossier as a fact (and the mail that follows it)
        assertThat(facts.of(number)).as("interventionRate, a field of the sitting's decision row, recorded on the dossier")
                .containsKey("interventionRate");
        assertThat(((Number) facts.of(number).get("interventionRate")).intValue()).isEqualTo(80);
        assertThat(plain(decision.getContent())).contains("taux d'intervention à 80 %");
        var page = HtmlUtils.htmlUnescape(get("/dossiers/" + number, basic(REVIEWER, REVIEWER)).body());
        assertThat(page).contains("<dt>Taux d'intervention (%)</dt>", "<dd>80</dd>");
    }

    @Test
    void theStaffDossierPageShowsTheCallsFactsWithTheirLabels() throws Exception {
        var submitted = apply("accueil@msp-huelgoat.example", """
                {"typeStructure": "MSP", "professionnelsCount": 6, "requestedAmount": 12000,
                 "territoire": "Monts d'Arrée"}""");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var number = json.readTree(submitted.body()).get("dossierNumber").asText();

        var response = get("/dossiers/" + number, basic(REVIEWER, REVIEWER));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var page = HtmlUtils.htmlUnescape(response.body());
        assertThat(page).contains(
                "<dt>Type de structure</dt>", "<dd>Maison de santé pluriprofessionnelle</dd>",
                "<dt>Nombre de professionnels de santé associés</dt>", "<dd>6</dd>",
                "<dt>Montant demandé (€)</dt>",
                "<dt>Territoire couvert</dt>", "<dd>Monts d'Arrée</dd>")
                .as("a choice is shown in words, never as its code").doesNotContain("<dd>MSP</dd>");
        assertThat(get("/dossiers/" + number, basic(COMMITTEE, COMMITTEE)).statusCode())
                .as("the campaign's committee sees its dossiers too").isEqualTo(200);
    }

    // --- helpers: what the API's clients send ---

    /** French amounts are written with no-break spaces (« 40 000 € »): compared here as plain spaces. */
    static String plain(Object text) {
        return String.valueOf(text).replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    HttpResponse<String> apply(String email, String facts) throws Exception {
        return post("/api/campaigns/" + CAMPAIGN + "/applications", """
                {"organisation": {"name": "CPTS du pays de Morlaix", "contactEmail": "%s"},
                 "project": {"title": "Téléconsultations en officine", "description": "Cabines de téléconsultation dans trois officines."},
                 "facts": %s}""".formatted(email, facts), null);
    }

    List<String> fields(HttpResponse<String> problem) throws Exception {
        var fields = new java.util.ArrayList<String>();
        json.readTree(problem.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    Map<String, Object> sitting(String number, int interventionRate) throws Exception {
        var row = new LinkedHashMap<String, Object>();
        row.put("dossierNumber", number);
        row.put("decision", "RETENU");
        row.put("interventionRate", interventionRate);
        row.put("reason", "Projet prioritaire du territoire.");
        return Map.of("committeeDecisions", typed(json.writeValueAsString(List.of(row)), "Json"),
                "lastSitting", typed(true, "Boolean"));
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
