package fr.instruire.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Esms;
import fr.instruire.instruction.TaskViews.ComplementRow;
import fr.instruire.instruction.TaskViews.DocumentRow;
import fr.instruire.instruction.TaskViews.Fact;
import fr.instruire.instruction.TaskViews.PaymentRow;
import fr.instruire.instruction.TaskViews.PaymentStep;
import fr.instruire.instruction.TaskViews.ShareRow;

/**
 * What a reviewer's form shows, read from a real dossier in the project's tables: the facts in the call's words,
 * the ESMS, each ARS's share, the documents as links, the complements; and, through the real engine, that the
 * view is the task's own and follows the documents an applicant adds.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:taskviews;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=",
        "spring.mail.host=localhost",
})
@ActiveProfiles("test")
class TaskViewsTest {

    static final String CAMPAIGN = "esms-numerique-2021-guadeloupe";
    static final String PROCESS = "esms-numerique-dossier";
    /** 10h30 in Guadeloupe (UTC-4) */
    static final Instant NOW = Instant.parse("2021-03-15T14:30:00Z");
    static final Instant SUBMITTED_AT = Instant.parse("2021-03-12T14:32:00Z");
    /** The call's « Modalités de financement », as the convention task gives them. */
    static final List<PaymentStep> SCHEDULE = List.of(new PaymentStep(40, "à la signature"),
            new PaymentStep(40, "à la fin du paramétrage"), new PaymentStep(20, "à la fin du déploiement"));
    static final char NBSP = '\u00a0';

    @Autowired
    fr.instruire.dossier.DossierFacts facts;

    @Autowired
    TaskViews views;
    @Autowired
    Dossiers dossiers;
    @Autowired
    DossierDocuments documents;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void freezeTheClockAndOpenTheCampaign() {
        ClockUtil.setCurrentTime(Date.from(NOW));
        if (jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_key = ?").param(CAMPAIGN).query(Integer.class).single() == 0) {
            jdbc.sql("""
                    INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                        submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                        reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email,
                        created_at)
                    VALUES (?, 'esms-numerique', 'ESMS numérique 2021', 'Guadeloupe', 'America/Guadeloupe', ?, ?, ?, ?,
                        1200000, 'ESMS', 'instructeurs-guadeloupe', 'comite-guadeloupe', 'P15D', 'P21D', NULL, ?)""")
                    .params(CAMPAIGN, utc("2021-02-03T04:00:00Z"), utc("2021-05-04T04:00:00Z"),
                            utc("2021-03-03T04:00:00Z"), utc("2021-06-04T04:00:00Z"), utc("2021-01-15T12:00:00Z"))
                    .update();
        }
    }

    @AfterEach
    void releaseTheClock() {
        ClockUtil.reset();
    }

    @Test
    void theDossierReadsInFrenchWithTheFactsTheRulesRead() {
        var number = newDossier("PA", false, esms(guadeloupe(7), martinique(3)));

        var view = views.of(number, null, List.of());

        var d = view.dossier();
        assertThat(d.get("number")).isEqualTo(number);
        assertThat(d.get("url")).isEqualTo("/dossiers/" + number);
        assertThat(d.get("organisation")).isEqualTo("Association Les Flamboyants <Guadeloupe>");
        // every fact in the words of the call's registration form and descriptor
        assertThat(d.get("publicType")).isEqualTo("Personnes âgées (PA)");
        assertThat(d.get("projectType")).isEqualTo("Acquisition d'une solution DUI");
        assertThat(d.get("managingOrganisationSize")).isEqualTo("Petit organisme gestionnaire (grappe de petites structures)");
        assertThat(d.get("esmsCount")).isEqualTo("10");
        assertThat(d.get("medicalised")).isEqualTo("Oui");
        assertThat(d.get("medicalisedEsmsCount")).isEqualTo("7");
        assertThat(d.get("honourStatementProvided")).isEqualTo("Non");
        assertThat(d.get("purchasingFrameworkCompliant")).isEqualTo("Oui");
        assertThat(d.get("status")).isEqualTo("Déposé, recevabilité à vérifier");
        assertThat(d.get("regions")).isEqualTo("Guadeloupe, Martinique");
        // 14h32 UTC is 10h32 in Guadeloupe
        assertThat(d.get("submittedOn")).isEqualTo("12 mars 2021 à 10h32");
        assertThat(d.get("timeZone")).isEqualTo("heure de l’Atlantique");
        assertThat(d).as("no funding computed yet").doesNotContainKey("grant");
        // named as the call's « Critères de recevabilité », so that a rule's reason finds its fact
        assertThat(view.dossierFacts()).extracting(Fact::criterion, Fact::value).contains(
                tuple("Type de public", "Personnes âgées (PA)"),
                tuple("Description du projet", "Acquisition d'une solution DUI"),
                tuple("Typologie de projet", "Petit organisme gestionnaire (grappe de petites structures)"),
                tuple("Nombre de structures concernées : organismes gestionnaires", "2"),
                tuple("Nombre de structures concernées : ESMS", "10"),
                tuple("Services socles : au moins un ESMS médicalisé", "Oui"),
                tuple("Respect du cahier des charges national DUI : attestation sur l'honneur fournie", "Non"),
                tuple("Équipements des petits ESMS (petits ESMS qui en demandent)", "2"));
        var esms = view.lists().get("dossierEsms");
        assertThat(esms).hasSize(10).first().isEqualTo(Map.of("finess", "971000001", "name", "EHPAD Les Flamboyants 1",
                "region", "Guadeloupe", "size", "Petit", "medicalised", "Oui", "equipmentRequested", "Oui"));
        assertThat(esms).last().isEqualTo(Map.of("finess", "972000003", "name", "SSIAD du Lamentin 3",
                "region", "Martinique", "size", "Moyen ou grand", "medicalised", "Non", "equipmentRequested", "Non"));
    }

    @Test
    void aPublicOutsideTheCallIsShownAsDeclared() {
        var number = newDossier("ENFANCE", true, guadeloupe(8));

        var view = views.of(number, null, List.of());

        assertThat(view.dossier().get("publicType")).isEqualTo("ENFANCE (code non reconnu)");
        assertThat(view.dossierFacts()).contains(new Fact("Type de public", "ENFANCE (code non reconnu)"));
    }

    @Test
    void aMultiRegionalDossiersSharesAndInstalmentsAddUpToTheGrant() {
        var number = newDossier("PH", true, esms(guadeloupe(7), martinique(3)));

        var view = views.of(number, 290_000L, SCHEDULE);

        assertThat(view.dossier().get("grant")).isEqualTo("290" + NBSP + "000" + NBSP + "€");
        // « au prorata du nombre d'ESMS concernés dans la région »: 7/10 and 3/10
        assertThat(view.dossierShares()).containsExactly(
                new ShareRow("ARS Guadeloupe, Saint-Martin, Saint-Barthélemy", "Guadeloupe", 7, euros(203_000)),
                new ShareRow("ARS Martinique", "Martinique", 3, euros(87_000)));
        assertThat(view.dossierPayments()).containsExactly(
                new PaymentRow("40" + NBSP + "%", "à la signature", euros(116_000)),
                new PaymentRow("40" + NBSP + "%", "à la fin du paramétrage", euros(116_000)),
                new PaymentRow("20" + NBSP + "%", "à la fin du déploiement", euros(58_000)));
    }

    @Test
    void sharesThatDoNotDivideEvenlyStillAddUpToTheGrant() {
        var number = newDossier("PH", true, esms(guadeloupe(2), martinique(1)));

        var view = views.of(number, 100_000L, SCHEDULE);

        assertThat(view.dossierShares()).extracting(ShareRow::count, ShareRow::amount)
                .containsExactly(tuple(2, euros(66_667)), tuple(1, euros(33_333)));
        // 40 % and 40 % of 100 000 €, the last instalment takes what rounding left
        assertThat(view.dossierPayments()).extracting(PaymentRow::amount)
                .containsExactly(euros(40_000), euros(40_000), euros(20_000));
    }

    @Test
    void documentsAreLinksToTheStaffPageAndComplementsReadAsAsked() {
        var number = newDossier("PA", true, guadeloupe(8));
        var pdf = documents.add(number, "attestation [signée].pdf", "application/pdf", new byte[2048], "0".repeat(64), "candidat");
        var png = documents.add(number, "organigramme.png", "image/png", new byte[300], "1".repeat(64), "candidat");
        dossiers.requestComplements(number, "instructeur.guadeloupe", "Merci de joindre le planning prévisionnel.");
        var request = dossiers.openComplementRequest(number).orElseThrow();
        dossiers.answerComplements(request.id(), "Planning joint.");
        dossiers.requestComplements(number, "instructeur.guadeloupe", "Précisez l'équipe projet.");

        var view = views.of(number, null, List.of());

        assertThat(view.dossierDocuments()).containsExactly(
                new DocumentRow("attestation [signée].pdf", "PDF", "2" + NBSP + "Ko", "15 mars 2021 à 10h30",
                        "/dossiers/%s/documents/%d".formatted(number, pdf)),
                new DocumentRow("organigramme.png", "Image PNG", "300" + NBSP + "octets", "15 mars 2021 à 10h30",
                        "/dossiers/%s/documents/%d".formatted(number, png)));
        assertThat(view.dossierComplements()).containsExactly(
                new ComplementRow("15 mars 2021 à 10h30", "instructeur.guadeloupe", "Merci de joindre le planning prévisionnel.",
                        "15 mars 2021 à 10h30", "Planning joint."),
                new ComplementRow("15 mars 2021 à 10h30", "instructeur.guadeloupe", "Précisez l'équipe projet.",
                        "en attente de réponse", "—"));
    }

    @Test
    void theViewIsComputedWhenTheFormIsReadAndNeverStored() {
        var number = newDossier("PA", true, guadeloupe(8));
        var instance = startAt(number, "Activity_VerifierRecevabilite", Map.of());
        var task = taskOf(instance);

        // stored: the mark only; read: the whole view, as variables and as the form's variables
        assertThat(tasks.getVariablesLocal(task.getId())).containsOnlyKeys("agenda");
        assertThat(tasks.getVariables(task.getId())).containsKeys("dossier", "dossierFacts", "dossierEsms", "dossierShares",
                "dossierDocuments", "dossierComplements", "dossierPayments");
        assertThat(forms.getTaskFormVariables(task.getId())).containsKeys("dossier", "dossierFacts", "dossierEsms");
        assertThat(json(task, "dossier").prop("url").stringValue()).isEqualTo("/dossiers/" + number);
        assertThat(json(task, "dossierEsms").elements()).hasSize(8);
        assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys("dossier", "dossierFacts");

        tasks.complete(task.getId(), Map.of("recevabiliteDecision", "RECEVABLE"));

        assertThat(runtime.getVariables(instance.getId())).containsEntry("recevabiliteDecision", "RECEVABLE")
                .doesNotContainKeys("dossier", "dossierFacts", "dossierEsms", "dossierDocuments");
        // nothing of the view in the history either (it made most of a dossier's bytes)
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
                .extracting(HistoricVariableInstance::getName).noneMatch(name -> name.startsWith("dossier") && !name.equals("dossierNumber"));
    }

    @Test
    void aDocumentAddedWhileTheTaskIsOpenShowsInItsView() {
        var number = newDossier("PA", true, guadeloupe(8));
        var task = taskOf(startAt(number, "Activity_VerifierRecevabilite", Map.of()));
        assertThat(json(task, "dossierDocuments").elements()).isEmpty();

        transaction.executeWithoutResult(tx ->
                documents.add(number, "planning.pdf", "application/pdf", new byte[10], "2".repeat(64), "candidat"));

        assertThat(json(task, "dossierDocuments").elements()).singleElement()
                .satisfies(d -> assertThat(d.prop("filename").stringValue()).isEqualTo("planning.pdf"));
    }

    @Test
    void theConventionTaskShowsTheCallsPaymentScheduleWithItsAmounts() {
        var number = newDossier("PA", true, esms(guadeloupe(7), martinique(3)));
        var task = taskOf(startAt(number, "Activity_SignerConvention", Map.of("grantAmount", 290_000L)));

        var payments = json(task, "dossierPayments").elements();
        assertThat(payments).extracting(p -> p.prop("percent").stringValue())
                .containsExactly("40" + NBSP + "%", "40" + NBSP + "%", "20" + NBSP + "%");
        assertThat(payments).extracting(p -> p.prop("amount").stringValue())
                .containsExactly(euros(116_000), euros(116_000), euros(58_000));
        assertThat(payments.get(0).prop("when").stringValue()).startsWith("Au démarrage du projet");
        assertThat(json(task, "dossierShares").elements()).hasSize(2);
        assertThat(json(task, "dossier").prop("grant").stringValue()).isEqualTo(euros(290_000));
    }

    // ---------------------------------------------------------------------------------------------------------

    private ProcessInstance startAt(String number, String activity, Map<String, Object> variables) {
        var all = new java.util.HashMap<String, Object>(variables);
        all.putAll(Map.of("dossierNumber", number, "campaignKey", CAMPAIGN, "reviewerGroup", "instructeurs-guadeloupe",
                "complementsDelay", "P15D", "conventionReminderDelay", "P21D"));
        return runtime.createProcessInstanceByKey(PROCESS).businessKey(number).setVariables(all)
                .startBeforeActivity(activity).execute();
    }

    private Task taskOf(ProcessInstance instance) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private SpinJsonNode json(Task task, String variable) {
        return (SpinJsonNode) tasks.getVariable(task.getId(), variable);
    }

    private String newDossier(String publicType, boolean honourStatement, List<Esms> esms) {
        var number = dossiers.nextNumber("ESMS", 2021);
        dossiers.insert(new Dossier(number, CAMPAIGN, DossierStatus.SUBMITTED, "Association Les Flamboyants <Guadeloupe>",
                "775123456", "Marie-Hélène Lacroix", "mh.lacroix@flamboyants.example",
                "Dossier usager informatisé partagé des Flamboyants", "Acquisition d'un DUI mutualisé.\nDeux lots.", null, null, SUBMITTED_AT,
                SUBMITTED_AT), "hash");
        facts.setAll(number, Esms.application(publicType, "ACQUISITION", "PETIT", 2, 2, honourStatement, true, esms));
        return number;
    }

    /** Small, medicalised ESMS, the first two asking for equipment. */
    private static List<Esms> guadeloupe(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Esms("97100000" + i, "EHPAD Les Flamboyants " + i, "Guadeloupe", "PETIT", true, i <= 2))
                .toList();
    }

    private static List<Esms> martinique(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Esms("97200000" + i, "SSIAD du Lamentin " + i, "Martinique", "MOYEN_GRAND", false, false))
                .toList();
    }

    @SafeVarargs
    private static List<Esms> esms(List<Esms>... groups) {
        var all = new ArrayList<Esms>();
        for (var group : groups) {
            all.addAll(group);
        }
        return all;
    }

    private static String euros(long amount) {
        return String.format(java.util.Locale.FRENCH, "%,d", amount).replace('\u202f', NBSP).replace(' ', NBSP) + NBSP + "€";
    }

    private static OffsetDateTime utc(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }
}
