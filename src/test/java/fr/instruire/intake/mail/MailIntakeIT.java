package fr.instruire.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.EmbeddedServices;

/**
 * Applications by mail against a real IMAP server (GreenMail) and a real PostgreSQL: MIME messages as candidates'
 * clients write them (RFC 2047 names and subjects, RFC 2231 file names, attachments), each polled once — no loss, no
 * double, even when the poll fails half-way — then what they became: a dossier and its process, a late dossier, or a
 * « Qualifier le courriel » task that a reviewer completes through the engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // /engine-rest serves the engine named « default »
        "camunda.bpm.generate-unique-process-engine-name=false",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir="})
@ActiveProfiles("test")
@DirtiesContext // closed while its PostgreSQL still runs, not in a shutdown hook racing the database's
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailIntakeIT {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    static final String CAMPAIGN = "mailtest-2026";
    static final String OTHER_CAMPAIGN = "mailtest-2026-autre";
    static final String SUBJECT = "FACILISOINS – appel à candidatures";
    static final String CANDIDATURES = "candidatures@dgcs.test";
    static final String ARS_COPY = "copie@ars.test";
    static final String RESTART = "reprise@dgcs.test";
    static final String PASSWORD = "secret-imap";
    static final String REVIEWERS = "instructeurs-mailtest";
    static final String REVIEWER = "instructeur.mailtest";
    static final Instant OPENS = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant CLOSES = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);

    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<< >>\nendobj\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DOC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0};
    static final byte[] HEIC = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'};

    /** Contacts whose dossier process fails to start once: a crash before the commit. */
    static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "mailintake");
        // a list binds from one property source: every key of the mailboxes here, beside the server's port
        var mailboxes = List.of(CANDIDATURES, ARS_COPY, RESTART);
        for (int i = 0; i < mailboxes.size(); i++) {
            var prefix = "instruire.mail-intake.mailboxes[" + i + "].";
            var address = mailboxes.get(i);
            registry.add(prefix + "id", () -> address);
            registry.add(prefix + "campaign", () -> CAMPAIGN);
            registry.add(prefix + "host", () -> "127.0.0.1");
            registry.add(prefix + "port", () -> EmbeddedServices.greenMail().getImap().getPort());
            registry.add(prefix + "username", () -> address);
            registry.add(prefix + "password", () -> PASSWORD);
            registry.add(prefix + "subject", () -> SUBJECT);
            registry.add(prefix + "poll-interval", () -> "PT1H");
        }
    }

    @TestConfiguration
    static class FailOnce {

        @Bean("failOnceFor")
        ExecutionListener failOnceFor(JdbcClient jdbc) {
            return execution -> {
                var contact = jdbc.sql("SELECT contact_email FROM dossier WHERE dossier_number = ?")
                        .param(execution.getProcessBusinessKey()).query(String.class).single();
                if (FAIL_ONCE.remove(contact)) {
                    throw new IllegalStateException("panne simulée au démarrage du dossier de " + contact);
                }
            };
        }
    }

    @Autowired
    MailboxPoller poller;
    @Autowired
    MailIntakeProperties properties;
    @Autowired
    Campaigns campaigns;
    @Autowired
    InboundMails inbound;
    @Autowired
    MailIntake intake;
    @Autowired
    Dossiers dossiers;
    @Autowired
    DossierDocuments documents;
    @Autowired
    DossierFacts facts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;

    final Session session = Session.getInstance(new java.util.Properties());
    final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void openCampaignsAndMailboxes() {
        repository.createDeployment().name("mailtest").addClasspathResource("mail-intake/mailtest-dossier.bpmn").deploy();
        campaign(CAMPAIGN, "Appel test — candidatures par courriel");
        campaign(OTHER_CAMPAIGN, "Appel test — une autre session");
        if (identity.createGroupQuery().groupId(REVIEWERS).count() == 0) {
            var group = identity.newGroup(REVIEWERS);
            group.setName("Instructeurs du test");
            identity.saveGroup(group);
            var user = identity.newUser(REVIEWER);
            user.setPassword(REVIEWER);
            identity.saveUser(user);
            identity.createMembership(REVIEWER, REVIEWERS);
        }
        for (var address : List.of(CANDIDATURES, ARS_COPY, RESTART)) {
            EmbeddedServices.greenMail().setUser(address, address, PASSWORD);
        }
    }

    @Test
    void aMailWithThePrescribedSubjectBecomesADossierWithItsDocumentsAndItsProcess() throws Exception {
        var message = message("Hélène Dupré — EHPAD Les Mimosas", "helene.dupre@mimosas.example",
                "Facilisoins - Appel a candidatures – EHPAD Les Mimosas",
                "Madame, Monsieur,\n\nVeuillez trouver ci-joint notre dossier de candidature.\n\nHélène Dupré",
                file("Dossier de candidature – Mimosas.pdf", PDF, "application/pdf"),
                file("budget prévisionnel.doc", DOC, "application/msword"),
                file("photo de l'équipe.heic", HEIC, "image/heic"));
        message.setReplyTo(new InternetAddress[] {new InternetAddress("direction@mimosas.example")});
        deliver(CANDIDATURES, message);

        assertThat(poller.poll(CANDIDATURES).registered()).isEqualTo(1);

        var row = row(message);
        assertThat(new String(row.raw(), StandardCharsets.US_ASCII)).as("the raw message as the client encoded it")
                .contains("=?UTF-8?", "filename*=");
        assertThat(row.outcome()).isEqualTo(InboundMails.Outcome.DOSSIER);
        assertThat(row.late()).isFalse();
        assertThat(row.fromAddress()).isEqualTo("helene.dupre@mimosas.example");
        assertThat(row.subject()).isEqualTo("Facilisoins - Appel a candidatures – EHPAD Les Mimosas");
        var number = row.dossierNumber();
        assertThat(number).matches("MAIL-2026-\\d{4}");

        var dossier = dossiers.get(number);
        assertThat(dossier.status()).isEqualTo(DossierStatus.RECEIVED);
        assertThat(dossier.campaignKey()).isEqualTo(CAMPAIGN);
        assertThat(dossier.organisationName()).isEqualTo("Hélène Dupré — EHPAD Les Mimosas");
        assertThat(dossier.contactEmail()).as("the Reply-To").isEqualTo("direction@mimosas.example");
        assertThat(dossier.projectTitle()).startsWith("Candidature reçue par courriel le ");
        assertThat(dossier.submittedAt()).isEqualTo(row.receivedAt());
        assertThat(jdbc.sql("SELECT channel FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single())
                .isEqualTo("MAIL");
        assertThat(dossiers.receivedLate(number)).isFalse();
        assertThat(facts.of(number)).containsEntry("submittedBeforeDeadline", true);

        assertThat(documents.of(number)).extracting(DossierDocuments.Document::filename, DossierDocuments.Document::contentType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Dossier de candidature – Mimosas.pdf", "application/pdf"),
                        org.assertj.core.groups.Tuple.tuple("budget prévisionnel.doc", "application/msword"));
        assertThat(documents.content(documents.of(number).get(0).id())).contains(PDF);
        var received = dossiers.history(number).get(0);
        assertThat(received.kind()).isEqualTo("RECEIVED_BY_MAIL");
        assertThat(received.actor()).isEqualTo("direction@mimosas.example");
        assertThat(received.detail()).contains("Hélène Dupré — EHPAD Les Mimosas <helene.dupre@mimosas.example>",
                "« Facilisoins - Appel a candidatures – EHPAD Les Mimosas »",
                "Pièces enregistrées au dossier : Dossier de candidature – Mimosas.pdf, budget prévisionnel.doc",
                "type non accepté", "photo de l'équipe.heic").doesNotContain("hors délais");

        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
        assertThat(repository.getProcessDefinition(instance.getProcessDefinitionId()).getKey()).isEqualTo("mailtest-dossier");
        assertThat(runtime.getVariables(instance.getId())).containsAllEntriesOf(Map.of(
                "dossierNumber", number, "campaignKey", CAMPAIGN, "reviewerGroup", REVIEWERS, "channel", "MAIL",
                "receivedLate", false, "complementsDelay", "P15D", "conventionReminderDelay", "P21D"));

        assertThat(seen(CANDIDATURES, message)).as("flagged \\Seen once registered").isTrue();
        assertThat(poller.poll(CANDIDATURES).registered()).as("registered once").isZero();
    }

    @Test
    void aMailReceivedAfterTheClosingInstantIsRegisteredAndMarkedLateAndOneBeforeTheOpeningIsLeftAlone() throws Exception {
        var lastSecond = message("EHPAD Juste à temps", "juste@ehpad.example", SUBJECT, "Candidature.");
        var closing = message("EHPAD Hors délais", "tard@ehpad.example", SUBJECT, "Candidature, un peu tard.");
        var early = message("EHPAD Trop tôt", "tot@ehpad.example", SUBJECT, "Avant l'ouverture.");
        deliver(CANDIDATURES, lastSecond, CLOSES.minusSeconds(1), false);
        deliver(CANDIDATURES, closing, CLOSES, false);
        deliver(CANDIDATURES, early, OPENS.minusSeconds(1), false);

        assertThat(poller.poll(CANDIDATURES).registered()).isEqualTo(2);

        var onTime = row(lastSecond);
        assertThat(onTime.late()).isFalse();
        assertThat(dossiers.receivedLate(onTime.dossierNumber())).isFalse();

        var late = row(closing);
        assertThat(late.outcome()).isEqualTo(InboundMails.Outcome.DOSSIER);
        assertThat(late.receivedAt()).as("the server's INTERNALDATE").isEqualTo(CLOSES);
        assertThat(late.late()).as("the closing instant is exclusive").isTrue();
        var number = late.dossierNumber();
        assertThat(dossiers.receivedLate(number)).isTrue();
        assertThat(facts.of(number)).containsEntry("submittedBeforeDeadline", false);
        assertThat(dossiers.history(number).get(0).detail()).contains("Reçu après la clôture du dépôt", "hors délais");
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(instance.getId(), "receivedLate")).isEqualTo(true);

        assertThat(registered(early)).as("received before the campaign opened: not an application to it").isZero();
        assertThat(seen(CANDIDATURES, early)).isFalse();
    }

    @Test
    void aMessageAlreadyReadByAPersonIsStillTaken() throws Exception {
        var read = message("Centre Les Tilleuls", "tilleuls@centre.example", SUBJECT, "Notre candidature.");
        deliver(CANDIDATURES, read, Instant.now(), true);

        assertThat(poller.poll(CANDIDATURES).registered()).isEqualTo(1);
        assertThat(row(read).outcome()).isEqualTo(InboundMails.Outcome.DOSSIER);
    }

    @Test
    void aMailWithAnotherSubjectWaitsForAReviewerWithWhatTheFormShows() throws Exception {
        var reply = message("Hélène Dupré", "helene.dupre@mimosas.example", "RE: " + SUBJECT,
                "Bonjour,\n\nvoici la pièce manquante.\n\n> Message d'origine", file("attestation.pdf", PDF, "application/pdf"));
        deliver(CANDIDATURES, reply);

        assertThat(poller.poll(CANDIDATURES).registered()).isEqualTo(1);

        var row = row(reply);
        assertThat(row.outcome()).isEqualTo(InboundMails.Outcome.TRIAGE);
        assertThat(row.dossierNumber()).isNull();
        var task = triageTask(row);
        assertThat(task.getName()).isEqualTo("Qualifier le courriel");
        assertThat(tasks.getIdentityLinksForTask(task.getId())).anyMatch(l -> REVIEWERS.equals(l.getGroupId()));
        var variables = runtime.getVariables(task.getProcessInstanceId());
        assertThat(variables).containsEntry(MailTriage.INBOUND_MAIL_ID, row.id())
                .containsEntry(MailTriage.CAMPAIGN_KEY, CAMPAIGN)
                .containsEntry(MailTriage.FROM, "Hélène Dupré <helene.dupre@mimosas.example>")
                .containsEntry(MailTriage.SUBJECT, "RE: " + SUBJECT)
                .containsEntry(MailTriage.RECEIVED_LATE, false)
                .containsEntry(MailTriage.ATTACHMENT_NAMES, "attestation.pdf");
        assertThat((String) variables.get(MailTriage.RECEIVED_AT)).matches("\\d{1,2}(er)? \\S+ 20\\d\\d à \\d\\dh\\d\\d \\(.+\\)");
        assertThat((String) variables.get(MailTriage.EXCERPT)).startsWith("Bonjour,\n\nvoici la pièce manquante.");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult()
                .getBusinessKey()).isEqualTo(String.valueOf(row.id()));
        assertThat(tasks.createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult().getCamundaFormRef().getKey())
                .isEqualTo("mail-triage");
        assertThat(seen(CANDIDATURES, reply)).isTrue();
    }

    @Test
    void aReviewerAttachesAMailToADossierOfTheSameCampaign() throws Exception {
        var dossier = dossierByMail("Association Horizon", "contact@horizon.example");
        var reply = message("Association Horizon", "contact@horizon.example", "TR: pièces complémentaires",
                "Voici l'attestation.", file("attestation signée.pdf", PDF, "application/pdf"), file("notes.xyz", HEIC, "application/octet-stream"));
        deliver(CANDIDATURES, reply);
        poller.poll(CANDIDATURES);
        var row = row(reply);
        var task = triageTask(row);
        var elsewhere = otherCampaignsDossier();

        assertThatThrownBy(() -> complete(task, Map.of(MailTriage.DECISION, MailTriage.ATTACH)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("numéro du dossier");
        assertThatThrownBy(() -> complete(task, Map.of(MailTriage.DECISION, MailTriage.ATTACH, MailTriage.ATTACH_TO, "MAIL-1999-0001")))
                .hasMessageContaining("Aucun dossier « MAIL-1999-0001 »");
        // another campaign's dossier gets the answer an unknown number gets: the form does not reveal that it exists
        assertThatThrownBy(() -> complete(task, Map.of(MailTriage.DECISION, MailTriage.ATTACH, MailTriage.ATTACH_TO, elsewhere)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Aucun dossier « " + elsewhere + " » dans la campagne de ce courriel")
                .hasMessageNotContaining("autre campagne");
        // the same over HTTP, as Tasklist sends it: 400 with the same answer
        var api = new fr.instruire.support.Api(port);
        var auth = fr.instruire.support.Api.basic(REVIEWER, REVIEWER);
        var overHttp = api.post("/engine-rest/task/" + task.getId() + "/complete", """
                {"variables": {"triageDecision": {"value": "RATTACHER"}, "attachTo": {"value": "%s"}}}""".formatted(elsewhere), auth);
        assertThat(overHttp.statusCode()).as(overHttp.body()).isEqualTo(400);
        assertThat(overHttp.body()).contains("Aucun dossier « " + elsewhere + " » dans la campagne de ce courriel");
        // nor may a submission name another campaign's message: not a field of the form, refused before anything runs
        var forgedMail = api.post("/engine-rest/task/" + task.getId() + "/complete", """
                {"variables": {"triageDecision": {"value": "RATTACHER"}, "attachTo": {"value": "%s"},
                 "inboundMailId": {"value": %d, "type": "Long"}}}""".formatted(elsewhere, otherCampaignsMailId()), auth);
        assertThat(forgedMail.statusCode()).as(forgedMail.body()).isEqualTo(400);
        assertThat(forgedMail.body()).contains("« inboundMailId » n'est pas un champ du formulaire de cette tâche");
        assertThat(documents.of(elsewhere)).isEmpty();
        complete(task, Map.of(MailTriage.DECISION, MailTriage.ATTACH, MailTriage.ATTACH_TO, " " + dossier.toLowerCase() + " "));
        runJobs();

        assertThat(documents.of(dossier)).extracting(DossierDocuments.Document::filename).contains("attestation signée.pdf");
        var event = dossiers.history(dossier).get(dossiers.history(dossier).size() - 1);
        assertThat(event.kind()).isEqualTo("MAIL_ATTACHED");
        assertThat(event.actor()).isEqualTo(REVIEWER);
        assertThat(event.detail()).contains("TR: pièces complémentaires", "attestation signée.pdf", "notes.xyz", REVIEWER);
        var qualified = inbound.get(row.id());
        assertThat(qualified.outcome()).isEqualTo(InboundMails.Outcome.ATTACHED);
        assertThat(qualified.dossierNumber()).isEqualTo(dossier);
        assertThat(qualifiedBy(row.id())).isEqualTo(REVIEWER);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(row.id())).count()).isZero();
    }

    /**
     * « Merci de nous transmettre les compléments » — the candidate replies to the mail, as the request's mail tells
     * them; the reviewer attaches the reply to its dossier, which takes it as the complements' answer and resumes.
     */
    @Test
    void aReplyByMailToAComplementsRequestAnswersItAndTheDossierResumes() throws Exception {
        var dossier = dossierByMail("Association Rivage", "contact@rivage.example");
        // a dossier registered from a mail gave no token: its applicant asks for one, sent to the dossier's address
        var api = new fr.instruire.support.Api(port);
        var wrong = api.post("/api/dossiers/" + dossier + "/access-token", "{\"contactEmail\": \"curieux@ailleurs.example\"}", null);
        assertThat(wrong.statusCode()).isEqualTo(202);
        var asked = api.post("/api/dossiers/" + dossier + "/access-token", "{\"contactEmail\": \"Contact@Rivage.example\"}", null);
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.body()).isEqualTo(wrong.body().replace("curieux@ailleurs.example", "Contact@Rivage.example"));
        var tokenMail = fr.instruire.support.Mails.await("contact@rivage.example", dossier + ".jeton-acces.1");
        var token = java.util.regex.Pattern.compile("\\n  (\\S{40,})\\n").matcher(tokenMail.getContent().toString().replace("\r", ""));
        assertThat(token.find()).isTrue();
        // the token opens the dossier (the stand-in call has no descriptor to show it with: past the check, not 401)
        assertThat(api.get("/api/dossiers/" + dossier, "Bearer " + token.group(1)).statusCode()).isNotIn(401, 403);
        assertThat(api.get("/api/dossiers/" + dossier, "Bearer " + token.group(1) + "x").statusCode()).isEqualTo(401);
        assertThat(fr.instruire.support.Mails.to("curieux@ailleurs.example")).isEmpty();
        complete(tasks.createTaskQuery().processInstanceBusinessKey(dossier).singleResult(), Map.of());
        dossiers.requestComplements(dossier, REVIEWER, "Merci de joindre l'attestation sur l'honneur signée.");
        var reply = message("Association Rivage", "contact@rivage.example", "RE: demande de compléments",
                "Bonjour,\n\nvoici l'attestation demandée.", file("attestation.pdf", PDF, "application/pdf"));
        deliver(CANDIDATURES, reply);
        poller.poll(CANDIDATURES);
        complete(triageTask(row(reply)), Map.of(MailTriage.DECISION, MailTriage.ATTACH, MailTriage.ATTACH_TO, dossier));
        runJobs();

        var answered = dossiers.complements(dossier).get(0);
        assertThat(answered.answeredAt()).isNotNull();
        assertThat(answered.answerText()).contains("RE: demande de compléments", "attestation.pdf",
                "voici l'attestation demandée.");
        assertThat(dossiers.get(dossier).status()).isEqualTo(DossierStatus.ADMISSIBILITY_REVIEW);
        assertThat(dossiers.history(dossier)).extracting(e -> e.kind()).containsSubsequence("MAIL_ATTACHED", "COMPLEMENTS_RECEIVED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(dossier).count())
                .as("the dossier's process got the answer and went on").isZero();
    }

    @Test
    void aReviewerMakesAMailANewDossierTheSameWayAsAMatchingOne() throws Exception {
        var misnamed = message("Foyer d'accueil médicalisé Les Cèdres", "fam.cedres@cedres.example",
                "Candidature FAM Les Cèdres – " + SUBJECT, "Notre dossier de candidature en pièce jointe.",
                file("candidature.pdf", PDF, "application/pdf"));
        deliver(CANDIDATURES, misnamed);
        poller.poll(CANDIDATURES);
        var row = row(misnamed);
        assertThat(row.outcome()).as("the prescribed subject, but not at the start").isEqualTo(InboundMails.Outcome.TRIAGE);

        complete(triageTask(row), Map.of(MailTriage.DECISION, MailTriage.NEW_DOSSIER));
        runJobs();

        var qualified = inbound.get(row.id());
        assertThat(qualified.outcome()).isEqualTo(InboundMails.Outcome.DOSSIER);
        assertThat(qualifiedBy(row.id())).isEqualTo(REVIEWER);
        var number = qualified.dossierNumber();
        var dossier = dossiers.get(number);
        assertThat(dossier.status()).isEqualTo(DossierStatus.RECEIVED);
        assertThat(dossier.organisationName()).isEqualTo("Foyer d'accueil médicalisé Les Cèdres");
        assertThat(dossier.contactEmail()).isEqualTo("fam.cedres@cedres.example");
        assertThat(documents.of(number)).extracting(DossierDocuments.Document::filename).containsExactly("candidature.pdf");
        assertThat(dossiers.history(number).get(0).detail()).contains("Enregistré comme candidature par " + REVIEWER);
        assertThat(facts.of(number)).containsEntry("submittedBeforeDeadline", true);
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
        assertThat(runtime.getVariable(instance.getId(), "channel")).isEqualTo("MAIL");
    }

    @Test
    void aReviewerDiscardsAMailOnlyWithAReasonWhichIsKept() throws Exception {
        var advert = message("Formations Santé Plus", "promo@formations.example", "Nos formations 2026", "Découvrez notre catalogue.");
        deliver(CANDIDATURES, advert);
        poller.poll(CANDIDATURES);
        var row = row(advert);
        var task = triageTask(row);

        assertThatThrownBy(() -> complete(task, Map.of(MailTriage.DECISION, "SUPPRIMER")))
                .hasMessageContaining("« SUPPRIMER » n'est pas une valeur proposée");
        assertThatThrownBy(() -> complete(task, Map.of(MailTriage.DECISION, MailTriage.DISCARD, MailTriage.DISCARD_REASON, "  ")))
                .hasMessageContaining("Motivez");
        complete(task, Map.of(MailTriage.DECISION, MailTriage.DISCARD, MailTriage.DISCARD_REASON, "Publicité sans rapport avec l'appel."));
        runJobs();

        var discarded = inbound.get(row.id());
        assertThat(discarded.outcome()).isEqualTo(InboundMails.Outcome.DISCARDED);
        assertThat(discarded.dossierNumber()).isNull();
        assertThat(discarded.raw()).as("kept all the same").isNotEmpty();
        assertThat(jdbc.sql("SELECT discard_reason FROM inbound_mail WHERE id = ?").param(row.id()).query(String.class).single())
                .isEqualTo("Publicité sans rapport avec l'appel.");
        assertThat(qualifiedBy(row.id())).isEqualTo(REVIEWER);
    }

    @Test
    void aRestartMidPollLosesNothingAndDoublesNothing() throws Exception {
        var first = message("EHPAD Un", "un@reprise.example", SUBJECT, "Première.");
        var second = message("EHPAD Deux", "deux@reprise.example", SUBJECT, "Deuxième.");
        var third = message("EHPAD Trois", "trois@reprise.example", SUBJECT, "Troisième.");
        for (var m : List.of(first, second, third)) {
            deliver(RESTART, m);
        }
        FAIL_ONCE.add("deux@reprise.example");
        var crashing = new MailboxPoller(properties, campaigns, inbound, intake) {
            int flagged;

            @Override
            void registered(ImapMailbox imap, long uid) {
                if (++flagged == 2) {
                    throw new IllegalStateException("arrêt brutal entre la validation et le marquage");
                }
                super.registered(imap, uid);
            }
        };

        assertThatThrownBy(() -> crashing.poll(RESTART)).hasMessageContaining("arrêt brutal");

        assertThat(registered(first)).isEqualTo(1);
        assertThat(registered(second)).as("failed before its commit: nothing of it").isZero();
        assertThat(dossiersOf("deux@reprise.example")).isZero();
        assertThat(registered(third)).as("committed, then the crash").isEqualTo(1);
        assertThat(seen(RESTART, first)).isTrue();
        assertThat(seen(RESTART, second)).isFalse();
        assertThat(seen(RESTART, third)).isFalse();

        var restarted = new MailboxPoller(properties, campaigns, inbound, intake);
        assertThat(restarted.poll(RESTART)).isEqualTo(new MailboxPoller.Poll(1, 0, 0));
        assertThat(restarted.poll(RESTART)).isEqualTo(new MailboxPoller.Poll(0, 0, 0));

        for (var contact : List.of("un@reprise.example", "deux@reprise.example", "trois@reprise.example")) {
            assertThat(dossiersOf(contact)).as(contact).isEqualTo(1);
        }
        for (var m : List.of(first, second, third)) {
            assertThat(registered(m)).isEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(row(m).dossierNumber()).count()).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mail WHERE mailbox = ?").param(RESTART).query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void theSameMessageDeliveredTwiceOrCopiedToTheArsMakesOneDossier() throws Exception {
        var message = message("SAMSAH Le Phare", "phare@samsah.example", SUBJECT, "Notre candidature.",
                file("dossier.pdf", PDF, "application/pdf"));
        deliver(CANDIDATURES, message);
        deliver(CANDIDATURES, message);
        deliver(ARS_COPY, message);

        assertThat(poller.poll(CANDIDATURES)).isEqualTo(new MailboxPoller.Poll(1, 1, 0));
        assertThat(poller.poll(ARS_COPY).registered()).isEqualTo(1);

        assertThat(dossiersOf("phare@samsah.example")).isEqualTo(1);
        var original = row(message);
        var copy = jdbc.sql("SELECT outcome, dossier_number FROM inbound_mail WHERE mailbox = ? AND message_key = ?")
                .params(ARS_COPY, original.messageKey())
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
        assertThat(copy).containsExactly("DUPLICATE", original.dossierNumber());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(original.dossierNumber()).count()).isEqualTo(1);
        assertThat(inboxOf(CANDIDATURES).stream().filter(m -> messageId(m).equals(original.messageKey())))
                .hasSize(2).allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    void campaign(String key, String title) {
        if (campaigns.find(key).isPresent()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                    submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                    reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email,
                    created_at)
                VALUES (?, 'mailtest', ?, 'Île-de-France', 'Europe/Paris', ?, ?, ?, ?, 1500000, 'MAIL', ?, 'comite-mailtest',
                    'P15D', 'P21D', NULL, ?)""")
                .params(key, title, utc(OPENS), utc(CLOSES), utc(CLOSES), utc(CLOSES.plus(Duration.ofDays(30))), REVIEWERS,
                        utc(Instant.now()))
                .update();
    }

    /** A MIME message as a candidate's client writes it: its own Message-ID, UTF-8 names and subject (RFC 2047). */
    MimeMessage message(String fromName, String fromAddress, String subject, String text, MimeBodyPart... files) throws Exception {
        var messageId = "<%d.%d@client.example>".formatted(System.nanoTime(), ids.incrementAndGet());
        var message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(fromAddress, fromName, "UTF-8"));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, CANDIDATURES);
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        if (files.length == 0) {
            message.setText(text, "UTF-8");
        } else {
            var multipart = new MimeMultipart();
            var body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            multipart.addBodyPart(body);
            for (var file : files) {
                multipart.addBodyPart(file);
            }
            message.setContent(multipart);
        }
        message.saveChanges();
        return message;
    }

    static MimeBodyPart file(String name, byte[] content, String type) throws Exception {
        var part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    void deliver(String mailbox, MimeMessage message) throws Exception {
        deliver(mailbox, message, Instant.now(), false);
    }

    /** Straight into the mailbox's INBOX, with the INTERNALDATE the server would have given it. */
    void deliver(String mailbox, MimeMessage message, Instant receivedAt, boolean alreadyRead) throws Exception {
        var copy = new MimeMessage(message);
        var flags = alreadyRead ? new Flags(Flags.Flag.SEEN) : new Flags();
        EmbeddedServices.greenMail().getManagers().getImapHostManager().getInbox(user(mailbox))
                .appendMessage(copy, flags, Date.from(receivedAt));
    }

    GreenMailUser user(String mailbox) {
        return EmbeddedServices.greenMail().getUserManager().getUser(mailbox);
    }

    List<StoredMessage> inboxOf(String mailbox) throws Exception {
        return EmbeddedServices.greenMail().getManagers().getImapHostManager().getInbox(user(mailbox)).getMessages();
    }

    boolean seen(String mailbox, MimeMessage message) throws Exception {
        var id = message.getMessageID();
        return inboxOf(mailbox).stream().filter(m -> messageId(m).equals(id)).findFirst().orElseThrow()
                .isSet(Flags.Flag.SEEN);
    }

    static String messageId(StoredMessage stored) {
        try {
            return stored.getMimeMessage().getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    InboundMails.InboundMail row(MimeMessage message) throws Exception {
        var id = jdbc.sql("SELECT id FROM inbound_mail WHERE message_key = ? ORDER BY id").param(message.getMessageID())
                .query(Long.class).list();
        assertThat(id).as("registered once from its first mailbox").isNotEmpty();
        return inbound.get(id.get(0));
    }

    int registered(MimeMessage message) throws Exception {
        return jdbc.sql("SELECT COUNT(*) FROM inbound_mail WHERE message_key = ?").param(message.getMessageID())
                .query(Integer.class).single();
    }

    int dossiersOf(String contact) {
        return jdbc.sql("SELECT COUNT(*) FROM dossier WHERE contact_email = ?").param(contact).query(Integer.class).single();
    }

    String qualifiedBy(long id) {
        return jdbc.sql("SELECT qualified_by FROM inbound_mail WHERE id = ?").param(id).query(String.class).single();
    }

    Task triageTask(InboundMails.InboundMail row) {
        return tasks.createTaskQuery().processDefinitionKey(MailTriage.PROCESS)
                .processInstanceBusinessKey(String.valueOf(row.id())).taskDefinitionKey(MailTriage.QUALIFY_TASK).singleResult();
    }

    /** Completes a task as a reviewer of the campaign, through the engine with authorizations on. */
    void complete(Task task, Map<String, Object> variables) {
        identity.setAuthentication(REVIEWER, List.of(REVIEWERS));
        try {
            tasks.complete(task.getId(), new HashMap<>(variables));
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The job executor is off: run the jobs the test's steps left, as it would. */
    void runJobs() {
        for (int round = 0; round < 10; round++) {
            var jobs = management.createJobQuery().executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }

    String dossierByMail(String name, String address) throws Exception {
        var application = message(name, address, SUBJECT, "Notre candidature.");
        deliver(CANDIDATURES, application);
        poller.poll(CANDIDATURES);
        return row(application).dossierNumber();
    }

    String otherCampaignsDossier() {
        var number = dossiers.nextNumber("AUTRE", 2026);
        var now = Instant.now();
        dossiers.insert(new Dossier(number, OTHER_CAMPAIGN, DossierStatus.RECEIVED, "Autre organisme", null, null,
                "autre@organisme.example", "Candidature", null, null,
                null, now, now), "hash-sans-jeton");
        return number;
    }

    /** A message registered in the other campaign's mailbox, awaiting its own triage. */
    long otherCampaignsMailId() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        message("Autre", "autre@organisme.example", "Question", "Bonjour.").writeTo(out);
        var raw = out.toByteArray();
        return inbound.insert("autre", OTHER_CAMPAIGN, 1, ids.incrementAndGet() + 100_000, ReceivedMail.parse(raw), Instant.now(),
                InboundMails.Outcome.TRIAGE, null, false, raw);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
