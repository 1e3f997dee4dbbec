package fr.instruire.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Esms;

/** The mails as an applicant receives them: French, from the dossier's data, once per step and occurrence. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:mailer;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=",
        "spring.mail.host=localhost",
})
@ActiveProfiles("test")
class MailerTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    static final String CAMPAIGN = "esms-numerique-2021-guadeloupe";
    static final String TITLE = "Programme ESMS numérique — phase d'amorçage (Guadeloupe, 2021)";
    static final String ARS_SIGN_OFF = "L'équipe d'instruction — ARS Guadeloupe, Saint-Martin, Saint-Barthélemy";
    static final String CONTACT = "marie-helene.lacroix@flamboyants.example";
    /** 10h30 in Guadeloupe (UTC-4) */
    static final Instant NOW = Instant.parse("2021-03-15T14:30:00Z");


    @Autowired
    Mailer mailer;
    @Autowired
    MailComposer composer;
    @Autowired
    MailLog mailLog;
    @Autowired
    MailRecipients recipients;
    @Autowired
    fr.instruire.dossier.DossierFacts facts;
    @Autowired
    Dossiers dossiers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    fr.instruire.payment.PaymentLedger ledger;

    @BeforeEach
    void freezeTheClockAndOpenTheCampaign() throws Exception {
        ClockUtil.setCurrentTime(Date.from(NOW));
        smtp.purgeEmailFromAllMailboxes();
        if (jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_key = ?").param(CAMPAIGN).query(Integer.class)
                .single() == 0) {
            // the call's calendar: dépôt 03/02/21 – 03/05/21, sélection 03/03/21 – 03/06/21, in Guadeloupe's time
            jdbc.sql("""
                    INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                        submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                        reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email,
                        created_at)
                    VALUES (?, 'esms-numerique', ?, 'Guadeloupe', 'America/Guadeloupe', ?, ?, ?, ?, 1200000, 'ESMS',
                        'instructeurs-guadeloupe', 'comite-guadeloupe', 'P15D', 'P21D', ?, ?)""")
                    .params(CAMPAIGN, TITLE, utc("2021-02-03T04:00:00Z"), utc("2021-05-04T04:00:00Z"),
                            utc("2021-03-03T04:00:00Z"), utc("2021-06-04T04:00:00Z"), "esms-numerique@ars.sante.fr",
                            utc("2021-01-15T12:00:00Z"))
                    .update();
        }
    }

    @AfterEach
    void releaseTheClock() {
        ClockUtil.reset();
    }

    @Test
    void theAcknowledgementArrivesInFrenchWithItsStableMessageId() throws Exception {
        var number = newDossier(guadeloupe(8));

        var sent = mailer.send("accuse-reception", number);

        var expectedId = "<%s.accuse-reception.1@instruire.localhost>".formatted(number);
        assertThat(sent.messageId()).isEqualTo(expectedId);
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        var mail = received[0];
        assertThat(mail.getMessageID()).isEqualTo(expectedId);
        assertThat(mail.getSubject()).isEqualTo("Accusé de réception de votre candidature — dossier " + number);
        assertThat(mail.getAllRecipients()).hasSize(1);
        var to = (InternetAddress) mail.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo(CONTACT);
        assertThat(to.getPersonal()).isEqualTo("Marie-Hélène Lacroix");
        assertThat(mail.getFrom()).extracting(Object::toString)
                .containsExactly("Instruire <ne-pas-repondre@instruire.localhost>");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getContentLanguage()).containsExactly("fr");
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) mail.getContent())
                .startsWith("Madame, Monsieur,")
                .contains("Nous accusons réception de votre candidature à l'appel à projets « " + TITLE + " »")
                .contains("Date de dépôt : 12 mars 2021 à 10h32 (heure de l’Atlantique)")
                .contains(ARS_SIGN_OFF);
        assertThat(logged(number)).containsExactly(
                new LogRow(expectedId, "accuse-reception", CONTACT, sent.subject(), "SENT"));
    }

    @Test
    void aResendAfterACrashCarriesTheSameMessageId() throws Exception {
        var number = newDossier(guadeloupe(8));

        // the job sent the mail, then its transaction rolled back (the node died before commit)
        transaction.executeWithoutResult(tx -> {
            mailer.send("accuse-reception", number);
            tx.setRollbackOnly();
        });
        assertThat(logged(number)).isEmpty();
        var retried = mailer.send("accuse-reception", number);

        assertThat(retried.messageId()).isEqualTo("<%s.accuse-reception.1@instruire.localhost>".formatted(number));
        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsExactly(retried.messageId(), retried.messageId());
        assertThat(logged(number)).extracting(LogRow::messageId).containsExactly(retried.messageId());
    }

    @Test
    void aSecondComplementsRequestIsANewMail() throws Exception {
        var number = newDossier(guadeloupe(8));
        dossiers.requestComplements(number, "instructeur.guadeloupe", "Merci de joindre le planning prévisionnel.");
        var first = mailer.send("demande-complements", number);
        var request = dossiers.openComplementRequest(number).orElseThrow();
        dossiers.answerComplements(request.id(), "Planning joint.");
        dossiers.requestComplements(number, "instructeur.guadeloupe", "Merci de préciser le rôle de l'équipe projet.");

        var second = mailer.send("demande-complements", number);

        assertThat(first.messageId()).isEqualTo("<%s.demande-complements.1@instruire.localhost>".formatted(number));
        assertThat(second.messageId()).isEqualTo("<%s.demande-complements.2@instruire.localhost>".formatted(number));
        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        var received = smtp.getReceivedMessages();
        assertThat((String) received[1].getContent()).contains("Merci de préciser le rôle de l'équipe projet.")
                .doesNotContain("planning");
        assertThat(logged(number)).extracting(LogRow::messageId).containsExactly(first.messageId(), second.messageId());
    }

    @Test
    void aFacilisoinsMailIsCopiedToTheArsOfTheDossiersRegionWithTheCallsOwnWording() throws Exception {
        facilisoinsCampaign();
        var number = dossiers.nextNumber("FACI", 2022);
        dossiers.insert(new Dossier(number, "facilisoins-2022", DossierStatus.SUBMITTED, "MAS Les Écureuils", null,
                null, CONTACT, "Facilisoins", null, null, null,
                NOW, NOW), "hash");
        facts.set(number, "region", "Bretagne");

        var sent = mailer.send("accuse-reception", number, null, true);

        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one message, delivered to the applicant and to the ARS in copy
        var message = received[0];
        assertThat(message.getHeader("Message-ID")[0]).isEqualTo("<%s.accuse-reception.1@instruire.localhost>".formatted(number));
        assertThat(message.getRecipients(jakarta.mail.Message.RecipientType.CC))
                .extracting(Object::toString).containsExactly("ARS-BRETAGNE-ART51@ars.sante.fr");
        assertThat(message.getSubject()).isEqualTo("FACILISOINS – accusé de réception de votre candidature — dossier " + number);
        assertThat((String) message.getContent()).contains("équipe nationale Article 51", "DGCS");
        assertThat(mailLog.copyTo(sent.messageId())).contains("ARS-BRETAGNE-ART51@ars.sante.fr");
    }

    @Test
    void aReminderToAGroupGoesToItsMembersAddresses() {
        assertThatThrownBy(() -> recipients.to("group:ars-nowhere")).hasMessageContaining("ars-nowhere");
        assertThat(recipients.to(null)).isEmpty();
    }

    @Test
    void whenSmtpIsDownSendThrowsAndLogsNothing() throws IOException {
        var number = newDossier(guadeloupe(8));
        var down = new JavaMailSenderImpl();
        down.setHost("localhost");
        down.setPort(closedPort());
        var mailerWithoutSmtp = new Mailer(composer, mailLog, new SmtpDelivery(down), recipients);

        assertThatThrownBy(() -> mailerWithoutSmtp.send("accuse-reception", number))
                .isInstanceOf(MailSendException.class);

        assertThat(logged(number)).isEmpty();
    }

    @Test
    void aMailTheDossierIsNotReadyForIsNotSent() {
        var number = newDossier(guadeloupe(8));
        dossiers.recordInstruction(number, 18, 200_000L);

        assertThatThrownBy(() -> mailer.send("decision", number))
                .hasRootCauseMessage("Dossier %s (INSTRUCTED) : pas encore de décision du comité".formatted(number));

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(logged(number)).isEmpty();
    }

    @Test
    void aTemplateNameIsNeverAPath() {
        var number = newDossier(guadeloupe(8));

        assertThatThrownBy(() -> mailer.send("fragments/signature", number))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailer.send("../application", number))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inOutboxModeTheMailIsAReadableEmlWithTheSameMessageId(@TempDir Path outbox) throws Exception {
        var number = newDossier(guadeloupe(8));
        var mailerToOutbox = new Mailer(composer, mailLog, new OutboxDelivery(outbox), recipients);

        var sent = mailerToOutbox.send("accuse-reception", number);

        var file = outbox.resolve(number + ".accuse-reception.1@instruire.localhost.eml");
        assertThat(outbox).isDirectoryContaining(p -> p.equals(file));
        try (InputStream in = Files.newInputStream(file)) {
            var mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mail.getMessageID()).isEqualTo(sent.messageId());
            assertThat(mail.getSubject()).isEqualTo("Accusé de réception de votre candidature — dossier " + number);
            assertThat((String) mail.getContent()).contains("Nous accusons réception", ARS_SIGN_OFF);
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(logged(number)).extracting(LogRow::state).containsExactly("OUTBOX");
    }

    // --- each template, as the applicant reads it

    @Test
    void theAcknowledgementSumsUpTheApplication() {
        var number = newDossier(guadeloupe(8));

        var mail = composer.compose("accuse-reception", number, 1);

        assertFrench(mail, number, "Accusé de réception de votre candidature — dossier " + number);
        assertThat(mail.body()).contains(
                "- Organisme gestionnaire : Association Les Flamboyants",
                "- Projet : Dossier usager informatisé partagé des Flamboyants",
                "- Nombre d'ESMS concernés : 8",
                "- Date de dépôt : 12 mars 2021 à 10h32 (heure de l’Atlantique)",
                "Les services de l'ARS Guadeloupe, Saint-Martin, Saint-Barthélemy vont à présent vérifier",
                "La sélection des projets aura lieu du 3 mars 2021 au 3 juin 2021 inclus");
    }

    @Test
    void theComplementsRequestSaysWhatIsAskedAndByWhen() {
        var number = newDossier(guadeloupe(8));
        var request = """
                - l'attestation sur l'honneur relative au cahier des charges national DUI ;
                - le planning prévisionnel du projet.""";
        dossiers.requestComplements(number, "instructeur.guadeloupe", request);

        var mail = composer.compose("demande-complements", number, 1);

        assertFrench(mail, number, "Demande de compléments — dossier " + number);
        assertThat(mail.body()).contains(
                ":\n\n" + request + "\n\n",
                "dans un délai de 15 jours, soit au plus tard le 30 mars 2021 à 10h30 (heure de l’Atlantique)",
                "(http://localhost:8080)");
    }

    @Test
    void anAdmissibleDossierIsToldInstructionFollows() {
        var number = newDossier(guadeloupe(8));
        dossiers.updateStatus(number, DossierStatus.UNDER_INSTRUCTION);

        var mail = composer.compose("recevabilite", number, 1);

        assertFrench(mail, number, "Recevabilité de votre candidature — dossier " + number);
        assertThat(mail.body())
                .contains("a été déclarée recevable", "Votre dossier entre à présent en phase d'instruction")
                .doesNotContain("regret", "recours");
    }

    @Test
    void anInadmissibleDossierIsToldEveryReasonOnce() {
        var number = newDossier(guadeloupe(8));
        dossiers.recordEvent(number, "instructeur.guadeloupe", "ADMISSIBILITY_REVIEW",
                "L'attestation sur l'honneur relative au cahier des charges national DUI n'a pas été fournie.");
        dossiers.recordEvent(number, "instructeur.guadeloupe", "INADMISSIBLE", """
                - Un projet d'acquisition doit être porté par au moins deux organismes gestionnaires.
                - L'attestation sur l'honneur relative au cahier des charges national DUI n'a pas été fournie.""");
        dossiers.updateStatus(number, DossierStatus.INADMISSIBLE);

        var mail = composer.compose("recevabilite", number, 1);

        assertFrench(mail, number, "Recevabilité de votre candidature — dossier " + number);
        assertThat(mail.body()).contains("""
                n'a pas été jugée recevable, pour les motifs suivants :

                - L'attestation sur l'honneur relative au cahier des charges national DUI n'a pas été fournie.
                - Un projet d'acquisition doit être porté par au moins deux organismes gestionnaires.

                Votre dossier ne pourra donc pas être instruit""")
                .contains("recours gracieux auprès du directeur général de l'ARS Guadeloupe, Saint-Martin")
                .doesNotContain("déclarée recevable");
    }

    @Test
    void aSelectedMultiRegionalProjectIsToldEachArsShareAndThePaymentSchedule() {
        var esms = new ArrayList<>(guadeloupe(6));
        esms.add(new Esms("970000007", "SSIAD du Lamentin", "Martinique", "PETIT", true, false));
        esms.add(new Esms("970000008", "IME de Fort-de-France", "Martinique", "PETIT", false, false));
        var number = newDossier(esms);
        decidedByTheCommittee(number, 200_000, DossierStatus.SELECTED, "Projet mutualisé, bien structuré.");

        var mail = composer.compose("decision", number, 1);

        assertFrench(mail, number, "Décision du comité de sélection — dossier " + number);
        assertThat(mail.body()).contains(
                "le comité de sélection réuni le 15 mars 2021 a retenu votre projet",
                "s'élève à " + eur("200 000 €") + ".",
                "au prorata du nombre d'ESMS concernés dans sa région :\n"
                        + "- ARS Guadeloupe, Saint-Martin, Saint-Barthélemy : " + eur("150 000 €") + " (6 ESMS)\n"
                        + "- ARS Martinique : " + eur("50 000 €") + " (2 ESMS)\n",
                "(une par ARS concernée) sera signée dans le mois qui suit la présente notification, "
                        + "soit au plus tard le 15 avril 2021",
                "- 40 % au démarrage du projet, à la signature de la convention, soit " + eur("80 000 €") + " ;",
                "- 40 % à la fin du paramétrage de la solution, dès réception de la facture correspondante, soit "
                        + eur("80 000 €") + " ;",
                "soit au plus " + eur("40 000 €") + ", selon les résultats obtenus sur ces critères.",
                "Nous vous adressons nos félicitations")
                .doesNotContain("regret", "Motifs");
    }

    @Test
    void aSelectedProjectInOneRegionHasNoShares() {
        var number = newDossier(guadeloupe(8));
        decidedByTheCommittee(number, 250_000, DossierStatus.SELECTED, null);

        var mail = composer.compose("decision", number, 1);

        assertFrench(mail, number, "Décision du comité de sélection — dossier " + number);
        assertThat(mail.body()).contains("s'élève à " + eur("250 000 €") + ".", "organisme gestionnaire sera signée",
                        "soit " + eur("100 000 €") + " ;", "soit au plus " + eur("50 000 €"))
                .doesNotContain("prorata", "une par ARS");
    }

    @Test
    void aProjectNotSelectedIsToldTheCommitteesReasons() {
        var number = newDossier(guadeloupe(8));
        var reason = "Enveloppe régionale épuisée par des projets mieux classés ; interopérabilité peu décrite.";
        decidedByTheCommittee(number, 200_000, DossierStatus.NOT_SELECTED, reason);

        var mail = composer.compose("decision", number, 1);

        assertFrench(mail, number, "Décision du comité de sélection — dossier " + number);
        assertThat(mail.body()).contains(
                "le comité de sélection réuni le 15 mars 2021 n'a pas retenu votre projet",
                "Motifs de la décision :\n" + reason + "\n\n",
                "recours gracieux")
                .doesNotContain("€", "convention");
    }

    @Test
    void theConventionReminderRecallsTheDeadline() {
        var number = newDossier(guadeloupe(8));
        decidedByTheCommittee(number, 200_000, DossierStatus.SELECTED, "");

        var mail = composer.compose("relance-convention", number, 1);

        assertFrench(mail, number, "Relance — signature de la convention, dossier " + number);
        assertThat(mail.body()).contains(
                "Le comité de sélection réuni le 15 mars 2021 a retenu votre projet",
                "pour un montant de " + eur("200 000 €") + ".",
                "soit au plus tard le 15 avril 2021",
                "ne pas tenir compte de ce message");
    }

    @Test
    void aPaidTrancheSaysWhatWasPaidOnWhichEvidenceAndWhatRemains() {
        var number = newDossier(guadeloupe(8));
        decidedByTheCommittee(number, 200_000, DossierStatus.SELECTED, "");
        ledger.open(number, 200_000);
        ledger.due(number, "signature", "40 % au démarrage du projet, à la signature de la convention", 80_000);
        ledger.release(number, "signature", "instructeur.guadeloupe", "Convention signée le 2 avril 2021");
        ledger.paid(number, "signature", "finance.guadeloupe", "Mandat 2021-0412");

        var mail = composer.compose("versement-tranche", number, 1, List.of(), null, Map.of("tranche", "signature"));

        assertFrench(mail, number, "Versement — 40 % au démarrage du projet, à la signature de la convention, dossier " + number);
        assertThat(mail.body()).contains(
                "40 % au démarrage du projet, à la signature de la convention : " + eur("80 000 €"),
                "Pièce justificative : Convention signée le 2 avril 2021",
                "Référence du paiement : Mandat 2021-0412",
                "Sur une subvention de " + eur("200 000 €") + ", " + eur("80 000 €") + " vous ont été versés à ce jour ; il reste "
                        + eur("120 000 €"));
    }

    @Test
    void theMonthlyUsageReminderSaysHowToReport() {
        var number = newDossier(guadeloupe(8));
        decidedByTheCommittee(number, 200_000, DossierStatus.SELECTED, "");

        var mail = composer.compose("relance-indicateurs", number, 1);

        assertFrench(mail, number, "Relevé mensuel des critères d'utilisation — dossier " + number);
        assertThat(mail.body()).contains("20% du financement des projets est lié aux critères d'utilisation",
                "PUT /api/dossiers/" + number + "/usage/reports/AAAA-MM", "deux mois consécutifs");
    }

    private static void assertFrench(MailComposer.ComposedMail mail, String number, String subject) {
        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.recipient()).isEqualTo(CONTACT);
        assertThat(mail.body())
                .startsWith("Madame, Monsieur,\n\n")
                .contains("« " + TITLE + " »", "salutations distinguées.\n\n" + ARS_SIGN_OFF + "\n\n--\n")
                .contains("Ce message automatique vous est adressé au sujet du dossier " + number
                        + " ; merci de ne pas y répondre. Pour toute question, écrivez à esms-numerique@ars.sante.fr")
                .doesNotContain("${", "[[", "[(", "[#", "[/]", "null", "\n\n\n", " \n")
                .endsWith("en rappelant ce numéro.\n");
    }

    // --- fixtures

    private String newDossier(List<Esms> esms) {
        var number = dossiers.nextNumber("ESMS", 2021);
        var submittedAt = Instant.parse("2021-03-12T14:32:00Z");
        dossiers.insert(new Dossier(number, CAMPAIGN, DossierStatus.SUBMITTED, "Association Les Flamboyants",
                "775123456", "Marie-Hélène Lacroix", CONTACT, "Dossier usager informatisé partagé des Flamboyants",
                "Acquisition d'un DUI mutualisé entre les EHPAD et SSIAD de l'association.", null, null, submittedAt, submittedAt), "hash");
        facts.setAll(number, Esms.application("PA", "ACQUISITION", "PETIT", 2, 2, true, true, esms));
        return number;
    }

    /** Instructed, then decided at the committee's sitting (now), with the committee's reason. */
    /** The Facilisoins 2022 campaign, created once. */
    private void facilisoinsCampaign() {
        if (jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_key = 'facilisoins-2022'").query(Integer.class).single() == 0) {
            jdbc.sql("""
                    INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                        submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                        reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email,
                        created_at)
                    VALUES ('facilisoins-2022', 'facilisoins', 'Expérimentation Facilisoins', 'Île-de-France',
                        'Europe/Paris', ?, ?, ?, ?, 1500000, 'FACI', 'equipe-nationale-art51', 'ctis', 'P15D', 'P21D',
                        'dgcs-secr-sd5@social.gouv.fr', ?)""")
                    .params(utc("2021-12-15T00:00:00Z"), utc("2022-02-21T23:00:00Z"), utc("2022-03-01T00:00:00Z"),
                            utc("2022-04-30T00:00:00Z"), utc("2021-12-01T00:00:00Z"))
                    .update();
        }
    }

    /**
     * « un avis sur la candidature des dossiers recevables sera émis par le Comité technique de l’innovation en santé
     * [...] Les candidatures sélectionnées feront l’objet d’un arrêté ministériel »: the decision is mailed after the
     * CTIS's opinion (the campaign's « Recueillir l'avis du CTIS » comes before « Transmettre les décisions »), before
     * the arrêté — the mail says so, and no longer announces the opinion as a step to come.
     */
    @Test
    void aSelectedFacilisoinsCandidateIsToldTheCtisHasGivenItsOpinionAndTheArreteIsNext() {
        facilisoinsCampaign();
        var number = dossiers.nextNumber("FACI", 2022);
        dossiers.insert(new Dossier(number, "facilisoins-2022", DossierStatus.SUBMITTED, "MAS Les Écureuils", null,
                null, CONTACT, "Facilisoins", null, null, null, NOW, NOW), "hash");
        facts.set(number, "region", "Bretagne");
        decidedByTheCommittee(number, 50_000, DossierStatus.SELECTED, null);

        var mail = composer.compose("decision", number, 1);

        assertThat(mail.body()).contains("après l'avis du Comité technique de l'innovation en santé (CTIS)",
                        "fait l'objet d'un arrêté des ministres")
                .doesNotContain("rend son avis", "le Comité technique de l'innovation en santé (CTIS) rend");
    }

    private void decidedByTheCommittee(String number, long grant, String outcome, String reason) {
        dossiers.recordInstruction(number, 15, grant);
        dossiers.recordEvent(number, "comite.guadeloupe", "COMMITTEE_DECISION", reason);
        dossiers.updateStatus(number, outcome);
    }

    private static List<Esms> guadeloupe(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Esms("97100000" + i, "EHPAD Les Flamboyants " + i, "Guadeloupe", "PETIT", true, true))
                .toList();
    }

    record LogRow(String messageId, String template, String recipient, String subject, String state) {
    }

    private List<LogRow> logged(String number) {
        return jdbc.sql("""
                SELECT message_id, template, recipient, subject, state FROM mail_log
                WHERE dossier_number = ? ORDER BY message_id""").param(number)
                .query((rs, i) -> new LogRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** Amounts are written with no-break spaces, so that a line never splits one. */
    private static String eur(String amount) {
        return amount.replace(' ', '\u00a0');
    }

    private static OffsetDateTime utc(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
