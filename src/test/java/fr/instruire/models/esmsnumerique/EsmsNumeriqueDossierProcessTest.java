package fr.instruire.models.esmsnumerique;

import static fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Elements.*;
import static fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Delegates;
import fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Facts;
import fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.MailTemplates;
import fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Messages;
import fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Recevabilite;

/**
 * The dossier's timeline, run on an in-memory engine with the real decision tables and the delegates replaced by
 * recorders: the happy path whole, then each detour started where it begins.
 */
@Deployment(resources = {
        EsmsNumeriqueDossier.BPMN,
        EsmsNumeriqueDossier.ADMISSIBILITY_DMN,
        EsmsNumeriqueDossier.FUNDING_DMN,
        EsmsNumeriqueDossier.FORM_RECEVABILITE,
        EsmsNumeriqueDossier.FORM_INSTRUCTION,
        EsmsNumeriqueDossier.FORM_CONVENTION,
        EsmsNumeriqueDossier.USAGE_TRANCHE_DMN,
        EsmsNumeriqueDossier.FORM_CRITERES_UTILISATION,
        EsmsNumeriqueDossier.FORM_RETARD_RELEVES,
        EsmsNumeriqueDossier.PAYMENT_TRANCHE_BPMN,
        EsmsNumeriqueDossier.FORM_LIBERATION,
        EsmsNumeriqueDossier.FORM_MISE_EN_PAIEMENT })
class EsmsNumeriqueDossierProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String DOSSIER = "ESMS-2021-0007";
    private static final String CAMPAIGN = "esms-numerique-2021-guadeloupe";
    private static final String REVIEWERS = "instructeurs-guadeloupe";
    private static final String FINANCE = "finance-ars-guadeloupe";
    private static final Instant SUBMITTED_AT = Instant.parse("2021-03-10T14:00:00Z");

    /** A cluster of small managing organisations buying a DUI for 10 ESMS, 2 of them small ones needing equipment. */
    private static final Map<String, Object> ADMISSIBLE_ACQUISITION = Map.of(
            Facts.PUBLIC_TYPE, "PA",
            Facts.PROJECT_TYPE, "ACQUISITION",
            Facts.MANAGING_ORGANISATION_SIZE, "PETIT",
            Facts.MANAGING_ORGANISATION_COUNT, 3,
            Facts.ESMS_COUNT, 10,
            Facts.MEDICALISED, true,
            Facts.CORE_SERVICES_COUNT, 2,
            Facts.HONOUR_STATEMENT_PROVIDED, true,
            Facts.PURCHASING_FRAMEWORK_COMPLIANT, true,
            Facts.SMALL_ESMS_EQUIPMENT_COUNT, 2);
    /** 25 000 € × 10 ESMS + 20 000 € × 2 small ESMS equipped. */
    private static final long ADMISSIBLE_ACQUISITION_GRANT = 290_000L;
    /** A variable the view listener sets, as the real one sets {@code dossier}, {@code dossierFacts}…, local to the task. */
    private static final String VIEW = "dossier";

    /** What the delegates were called with, in order: {@code bean:argument}. */
    private final List<String> journal = new ArrayList<>();
    /** The reviewers' tasks whose view was prepared, with what the listener could read: {@code task:grant}. */
    private final List<String> views = new ArrayList<>();
    /** Each funding agency's part of the grant (one convention and one tranche per milestone each). */
    private Map<String, Long> shares = new java.util.LinkedHashMap<>(Map.of("Guadeloupe", ADMISSIBLE_ACQUISITION_GRANT));
    /** What the reports give for the five usage criteria, as {@code computeUsageRatios} would compute them. */
    private double[] ratios = {1, 1, 1, 1, 1};
    /** What each monthly check finds: « reçu », « manquant », « deux mois manquants ». */
    private final List<String> reportMonths = new ArrayList<>();
    /** The dossier's facts as the tables would read them; a test changes them to model the applicant's edits. */
    private final Map<String, Object> facts = new HashMap<>(ADMISSIBLE_ACQUISITION);

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(SUBMITTED_AT));
        Mocks.register(Delegates.SEND_MAIL,
                (JavaDelegate) execution -> journal.add("sendMail:" + execution.getVariableLocal(TEMPLATE)));
        Mocks.register(Delegates.LOAD_DOSSIER_FACTS, (ExecutionListener) execution -> {
            journal.add("loadDossierFacts");
            facts.forEach((name, value) -> execution.setVariable(name, transientValue(value)));
        });
        Mocks.register(Delegates.RECORD_ADMISSIBILITY_REVIEW,
                (TaskListener) task -> journal.add("recordAdmissibilityReview:" + task.getVariable(RECEVABILITE_DECISION)));
        Mocks.register(Delegates.EXPIRE_COMPLEMENTS, (JavaDelegate) execution -> journal.add("expireComplements"));
        Mocks.register(Delegates.REQUEST_COMPLEMENTS,
                (JavaDelegate) execution -> journal.add("requestComplements:" + execution.getVariable(COMPLEMENTS_REQUEST)));
        Mocks.register(Delegates.SET_DOSSIER_STATUS, (JavaDelegate) execution -> journal.add("setDossierStatus:"
                + execution.getVariableLocal(STATUS)
                + (execution.hasVariableLocal(REASON) ? ":" + execution.getVariableLocal(REASON) : "")));
        Mocks.register(Delegates.CHECK_INSTRUCTION, (TaskListener) task -> { });
        Mocks.register(Delegates.PREPARE_TASK_VIEW, (TaskListener) task -> {
            views.add(task.getTaskDefinitionKey() + ":" + task.getVariable(GRANT_AMOUNT));
            task.setVariableLocal(VIEW, "vue du dossier " + task.getExecution().getProcessBusinessKey());
        });
        Mocks.register(Delegates.OPEN_FUNDING, (JavaDelegate) execution -> journal.add("openFunding"));
        Mocks.register(Delegates.LOAD_FUNDING_SHARES, (JavaDelegate) execution -> {
            journal.add("loadFundingShares");
            execution.setVariable("fundingShares", new ArrayList<>(shares.keySet()));
        });
        Mocks.register(Delegates.SCHEDULE_TRANCHE, (JavaDelegate) execution -> {
            // as the ledger does: a share of the agency's part of the grant, or the decision's amount pro rata of that part
            long base = shares.get(String.valueOf(execution.getVariable("trancheShareOf")));
            var percent = execution.getVariable(TRANCHE_PERCENT);
            long amount = percent != null ? base * Integer.parseInt(percent.toString()) / 100
                    : (long) Math.floor(((Number) execution.getVariable(TRANCHE_AMOUNT)).doubleValue() * base / ADMISSIBLE_ACQUISITION_GRANT);
            execution.setVariable(TRANCHE_AMOUNT, amount);
            journal.add("scheduleTranche:" + execution.getVariable(TRANCHE) + ":" + amount);
        });
        Mocks.register(Delegates.RELEASE_TRANCHE, (TaskListener) task -> journal.add("releaseTranche:"
                + task.getVariable(TRANCHE) + ":" + task.getVariable(TRANCHE_EVIDENCE)));
        Mocks.register(Delegates.RECORD_PAYMENT, (TaskListener) task -> journal.add("recordPayment:"
                + task.getVariable(TRANCHE) + ":" + task.getVariable(PAYMENT_REFERENCE)));
        Mocks.register(Delegates.COMPUTE_USAGE_RATIOS, (JavaDelegate) execution -> {
            journal.add("computeUsageRatios");
            for (int i = 0; i < ratios.length; i++) {
                execution.setVariable("usageRatio" + (i + 1), ratios[i]);
            }
        });
        Mocks.register(Delegates.CHECK_USAGE_REPORTS, (JavaDelegate) execution -> {
            var month = reportMonths.remove(0);
            journal.add("checkUsageReports:" + month);
            execution.setVariableLocal(USAGE_REPORT_MISSING, !month.equals("reçu"));
            execution.setVariableLocal(USAGE_REPORTS_OVERDUE, month.equals("deux mois manquants"));
        });
        Mocks.register(Delegates.RECORD_FACTS, (JavaDelegate) execution -> journal.add("recordFacts:"
                + execution.getVariableLocal("facts") + "=" + execution.getVariable(USAGE_TRANCHE_AMOUNT)));
        Mocks.register(Delegates.RECORD_FORM_FACTS, (TaskListener) task -> journal.add("recordFormFacts:" + task.getTaskDefinitionKey()));
        Mocks.register(Delegates.REQUIRE_REASON, (TaskListener) task -> journal.add("requireReason:"
                + task.getVariable("reasonField") + ":" + task.getVariable("reasonRequiredWhen")));
        Mocks.register(Delegates.RECORD_INSTRUCTION,
                (JavaDelegate) execution -> journal.add("recordInstruction:" + execution.getVariable(GRANT_AMOUNT)));
    }

    @AfterEach
    void resetDelegatesAndClock() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void admissibleDossierIsInstructedSelectedAndItsConventionSigned() {
        var dossier = runtimeService().startProcessInstanceByKey(EsmsNumeriqueDossier.PROCESS_ID, DOSSIER, dossierVariables());
        // the acknowledgement is sent in its own job: the intake's transaction commits before any mail goes out
        assertThat(dossier).isStarted().isWaitingAt(ENVOYER_ACCUSE_RECEPTION);
        assertThat(journal).isEmpty();

        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(admissibilityReasons(dossier)).isEmpty();
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"esms-numerique-recevabilite\"");

        assertThat(taskService().getVariableLocal(task().getId(), VIEW)).isEqualTo("vue du dossier " + DOSSIER);

        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.RECEVABLE));
        // the view was the task's: it is gone with it
        assertThat(runtimeService().getVariables(dossier.getId())).doesNotContainKey(VIEW);
        runAsyncSteps(dossier);
        // the funding is computed before the instruction, so that the reviewer scores the project seeing it
        assertThat(dossier).isWaitingAt(INSTRUIRE_DOSSIER).hasPassed(CALCULER_FINANCEMENT).variables()
                .containsEntry(GRANT_AMOUNT, ADMISSIBLE_ACQUISITION_GRANT);
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"esms-numerique-instruction\"");

        complete(task(), instruction());
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DECISION_COMITE_RECUE).variables()
                .containsEntry(GRANT_AMOUNT, ADMISSIBLE_ACQUISITION_GRANT);

        correlateCommitteeDecision(true, "Projet mutualisé entre trois organismes gestionnaires.");
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(SIGNER_CONVENTION);
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"esms-numerique-convention\"");
        assertThat(paymentSchedule(task())).containsExactly(
                "40 % Au démarrage du projet, à la signature de la convention entre l'ARS et le porteur du projet",
                "40 % À la fin du paramétrage de la solution, dès la réception de la facture de fin de paramétrage",
                "20 % À la fin du déploiement, dès la vérification des critères d'utilisation et la réception de la facture de fin de déploiement");

        complete(task(), withVariables(CONVENTION_SIGNED_ON, "2021-06-15"));
        runAllAsyncSteps();
        // the signature opens the grant and makes its first tranche due (the money: see the tests below)
        assertThat(dossier).isWaitingAt(VERSER_TRANCHE_SIGNATURE).hasPassedInOrder(
                CANDIDATURE_DEPOSEE, ENVOYER_ACCUSE_RECEPTION, EVALUER_RECEVABILITE, VERIFIER_RECEVABILITE,
                NOTIFIER_RECEVABILITE, CALCULER_FINANCEMENT, INSTRUIRE_DOSSIER, ENREGISTRER_INSTRUCTION,
                DECISION_COMITE_RECUE, NOTIFIER_DECISION, SIGNER_CONVENTION, ENREGISTRER_CONVENTION, OUVRIR_SUBVENTION);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.ACCUSE_RECEPTION,
                "loadDossierFacts",
                "recordAdmissibilityReview:" + Recevabilite.RECEVABLE,
                "sendMail:" + MailTemplates.RECEVABILITE,
                "loadDossierFacts",
                "recordInstruction:" + ADMISSIBLE_ACQUISITION_GRANT,
                "sendMail:" + MailTemplates.DECISION,
                "loadFundingShares",
                "setDossierStatus:CONVENTION_SIGNED:Convention ARS – organisme gestionnaire signée le 2021-06-15",
                "openFunding",
                "scheduleTranche:signature-Guadeloupe:116000");
        // each reviewer's task gets its view when created; instruction and convention with the funding known
        assertThat(views).containsExactly(
                VERIFIER_RECEVABILITE + ":null",
                INSTRUIRE_DOSSIER + ":" + ADMISSIBLE_ACQUISITION_GRANT,
                SIGNER_CONVENTION + ":" + ADMISSIBLE_ACQUISITION_GRANT,
                // the tranche's process gets only its inputs: its view reads the grant the dossier recorded
                LIBERER_TRANCHE + ":null");
    }

    @Test
    void dossierFailingTheRulesShowsTheirReasonsToTheReviewer() {
        facts.put(Facts.HONOUR_STATEMENT_PROVIDED, false);
        facts.put(Facts.ESMS_COUNT, 5);

        var dossier = startBefore(EVALUER_RECEVABILITE);
        runAsyncSteps(dossier);

        // the rules inform the reviewer, who decides: the dossier still goes to the check
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(admissibilityReasons(dossier)).hasSize(2)
                .anySatisfy(reason -> assertThat(reason).startsWith("Respect du cahier des charges national DUI"))
                .anySatisfy(reason -> assertThat(reason).startsWith("Grappe"));
        // facts are read from the dossier each time, never kept in the process
        assertThat(runtimeService().getVariables(dossier.getId())).doesNotContainKeys(
                Facts.HONOUR_STATEMENT_PROVIDED, Facts.ESMS_COUNT, Facts.PROJECT_TYPE);
    }

    @Test
    void requestedComplementsOnceReceivedGoThroughTheRulesAndTheReviewerAgain() {
        facts.put(Facts.HONOUR_STATEMENT_PROVIDED, false);
        var dossier = startBefore(EVALUER_RECEVABILITE);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(admissibilityReasons(dossier)).hasSize(1);

        complete(task(), withVariables(
                RECEVABILITE_DECISION, Recevabilite.COMPLEMENTS,
                COMPLEMENTS_REQUEST, "Attestation sur l'honneur signée",
                RECEVABILITE_COMMENT, "Attestation manquante"));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENTE_COMPLEMENTS);
        assertThat(complementsDeadline().getDuedate()).isEqualTo(Date.from(SUBMITTED_AT.plus(Duration.ofDays(15))));

        facts.put(Facts.HONOUR_STATEMENT_PROVIDED, true);
        runtimeService().createMessageCorrelation(Messages.COMPLEMENTS_RECEIVED).processInstanceBusinessKey(DOSSIER)
                .correlate();
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE).hasPassed(COMPLEMENTS_RECUS)
                .hasNotPassed(DELAI_COMPLEMENTS_ECOULE);
        // the reviewer starts again from a blank form: the previous decision is recorded in the dossier, not kept here
        assertThat(runtimeService().getVariables(dossier.getId()))
                .containsEntry(RECEVABILITE_DECISION, null)
                .containsEntry(COMPLEMENTS_REQUEST, null)
                .containsEntry(RECEVABILITE_COMMENT, null);
        // a new task, with a view read again from the dossier (its answer included)
        assertThat(views).containsExactly(VERIFIER_RECEVABILITE + ":null", VERIFIER_RECEVABILITE + ":null");
        assertThat(admissibilityReasons(dossier)).isEmpty();
        assertThat(managementService().createJobQuery().timers().count()).isZero();
        assertThat(journal).containsExactly(
                "loadDossierFacts",
                "recordAdmissibilityReview:" + Recevabilite.COMPLEMENTS,
                "requestComplements:Attestation sur l'honneur signée",
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS,
                "loadDossierFacts");
    }

    /**
     * « Passé ce délai, la recevabilité de votre dossier sera appréciée au vu des seules pièces en notre possession » :
     * the applicant's silence does not make the dossier inadmissible; the reviewer decides on what the dossier holds.
     */
    @Test
    void dossierWithoutComplementsWithinTheDelayGoesBackToTheReviewer() {
        var dossier = startBefore(ENVOYER_DEMANDE_COMPLEMENTS);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENTE_COMPLEMENTS);

        ClockUtil.setCurrentTime(Date.from(SUBMITTED_AT.plus(Duration.ofDays(15))));
        execute(complementsDeadline());
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE).hasPassedInOrder(
                DELAI_COMPLEMENTS_ECOULE, REPRENDRE_SANS_COMPLEMENTS, EVALUER_RECEVABILITE)
                .hasNotPassed(NOTIFIER_IRRECEVABILITE, DOSSIER_IRRECEVABLE);
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS,
                "expireComplements",
                "loadDossierFacts");
    }

    @Test
    void complementsArrivingAfterTheDeadlineNoLongerMatchTheDossier() {
        var dossier = startBefore(ATTENTE_COMPLEMENTS);
        execute(complementsDeadline());
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);

        // the intake API must answer that the deadline has passed
        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(Messages.COMPLEMENTS_RECEIVED)
                .processInstanceBusinessKey(DOSSIER).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void reviewerDeclaringTheDossierInadmissibleNotifiesTheApplicant() {
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);

        complete(task(), withVariables(
                RECEVABILITE_DECISION, Recevabilite.IRRECEVABLE,
                RECEVABILITE_COMMENT, "Le projet ne concerne aucun ESMS pour personnes âgées ou handicapées."));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(NOTIFIER_IRRECEVABILITE, DOSSIER_IRRECEVABLE)
                .hasNotPassed(REPRENDRE_SANS_COMPLEMENTS, INSTRUIRE_DOSSIER);
        // the reviewer's decision (and the status) is recorded by the task listener, not again by the process
        assertThat(journal).containsExactly(
                "recordAdmissibilityReview:" + Recevabilite.IRRECEVABLE,
                "sendMail:" + MailTemplates.RECEVABILITE);
    }

    @Test
    void dossierNotSelectedByTheCommitteeIsNotifiedAndEnds() {
        var dossier = startBefore(DECISION_COMITE_RECUE);

        correlateCommitteeDecision(false, "Score insuffisant au regard de l'enveloppe.");
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(NOTIFIER_DECISION, DOSSIER_RETENU, DOSSIER_NON_RETENU)
                .hasNotPassed(SIGNER_CONVENTION).variables().containsEntry(COMMITTEE_REASON,
                        "Score insuffisant au regard de l'enveloppe.");
        assertThat(journal).containsExactly("sendMail:" + MailTemplates.DECISION);
    }

    @Test
    void committeeDecisionOfAnotherCampaignDoesNotReachTheDossier() {
        startBefore(DECISION_COMITE_RECUE);

        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(Messages.COMMITTEE_DECISION)
                .processInstanceBusinessKey(DOSSIER)
                .processInstanceVariableEquals(CAMPAIGN_KEY, "esms-numerique-2022-guadeloupe")
                .setVariable(SELECTED, true)
                .correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void unsignedConventionIsRemindedAndStillAwaitsSignature() {
        var dossier = startBefore(SIGNER_CONVENTION);
        var reminder = managementService().createJobQuery().timers().activityId(RELANCE_CONVENTION).singleResult();
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(SUBMITTED_AT.plus(Duration.ofDays(21))));

        ClockUtil.setCurrentTime(reminder.getDuedate());
        execute(reminder);
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(SIGNER_CONVENTION).hasPassed(RELANCER_CONVENTION, RELANCE_ENVOYEE);
        assertThat(journal).containsExactly("sendMail:" + MailTemplates.RELANCE_CONVENTION);

        complete(task(), withVariables(CONVENTION_SIGNED_ON, "2021-07-05"));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERSER_TRANCHE_SIGNATURE).hasPassed(ENREGISTRER_CONVENTION, OUVRIR_SUBVENTION);
    }

    @Test
    void failingMailIsRetriedEveryFiveMinutesWithoutUndoingTheStepsBefore() {
        Mocks.register(Delegates.SEND_MAIL, (JavaDelegate) execution -> {
            throw new IllegalStateException("SMTP server unavailable");
        });
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.RECEVABLE));
        execute(job()); // the savepoint after the review
        assertThat(dossier).isWaitingAt(NOTIFIER_RECEVABILITE);

        var mail = managementService().createJobQuery().activityId(NOTIFIER_RECEVABILITE).singleResult();
        assertThatThrownBy(() -> managementService().executeJob(mail.getId())).hasMessageContaining("SMTP");

        var retried = managementService().createJobQuery().activityId(NOTIFIER_RECEVABILITE).singleResult();
        assertThat(retried.getRetries()).isEqualTo(4);
        assertThat(retried.getDuedate()).isEqualTo(Date.from(SUBMITTED_AT.plus(Duration.ofMinutes(5))));
        // the reviewer's decision stays recorded: the mail is its own transaction
        assertThat(journal).containsExactly("recordAdmissibilityReview:" + Recevabilite.RECEVABLE);
        assertThat(taskService().createTaskQuery().processInstanceId(dossier.getId()).count()).isZero();
    }

    /**
     * « 40% au démarrage du projet, à la signature de la convention (…) ; 40% à la fin du paramétrage (…) ; 20% à la
     * fin du déploiement (…) dès la vérification des critères d'utilisation » — every criterion met: all paid.
     */
    @Test
    void everyTrancheIsPaidOnItsMilestoneThenTheProjectIsClosed() {
        var dossier = startAwardedBefore(OUVRIR_SUBVENTION);
        runAllAsyncSteps();
        payTranche("signature-Guadeloupe", "Convention signée le 15 juin 2021", "Mandat 2021-0412");
        assertThat(dossier).isWaitingAt(FIN_PARAMETRAGE_DECLAREE);

        declareMilestone(Messages.FIN_PARAMETRAGE);
        payTranche("parametrage-Guadeloupe", "Facture FAC-2021-118", "Mandat 2021-0533");
        assertThat(dossier).isWaitingAt(ATTENDRE_FIN_DEPLOIEMENT);

        declareMilestone(Messages.FIN_DEPLOIEMENT);
        var check = tranchesTask();
        assertThat(check.getTaskDefinitionKey()).isEqualTo(VERIFIER_CRITERES_UTILISATION);
        assertThat(check).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(check)).contains("\"id\": \"esms-numerique-criteres-utilisation\"");
        taskService().complete(check.getId(), withVariables(USAGE_WAIVED_4, false, USAGE_WAIVED_5, false));
        runAllAsyncSteps();
        assertThat(dossier).variables().containsEntry(USAGE_TRANCHE_AMOUNT, 58_000L);
        payTranche("usage-Guadeloupe", "Facture FAC-2022-007", "Mandat 2022-0101");

        assertThat(dossier).isEnded().hasPassedInOrder(OUVRIR_SUBVENTION, VERSER_TRANCHE_SIGNATURE, FIN_PARAMETRAGE_DECLAREE,
                ENREGISTRER_FIN_PARAMETRAGE, VERSER_TRANCHE_PARAMETRAGE, ATTENDRE_FIN_DEPLOIEMENT,
                ENREGISTRER_FIN_DEPLOIEMENT, VERIFIER_CRITERES_UTILISATION, ARRETER_RESULTATS_USAGE,
                CALCULER_TRANCHE_USAGE, VERSER_TRANCHE_USAGE, SOLDER_PROJET, PROJET_SOLDE);
        assertThat(journal).containsExactly(
                "openFunding",
                "scheduleTranche:signature-Guadeloupe:116000",
                "releaseTranche:signature-Guadeloupe:Convention signée le 15 juin 2021",
                "recordPayment:signature-Guadeloupe:Mandat 2021-0412",
                "sendMail:" + MailTemplates.VERSEMENT_TRANCHE,
                "setDossierStatus:PARAMETRISATION_DONE:Fin du paramétrage déclarée par le porteur, avec sa facture",
                "scheduleTranche:parametrage-Guadeloupe:116000",
                "releaseTranche:parametrage-Guadeloupe:Facture FAC-2021-118",
                "recordPayment:parametrage-Guadeloupe:Mandat 2021-0533",
                "sendMail:" + MailTemplates.VERSEMENT_TRANCHE,
                "setDossierStatus:DEPLOYMENT_DONE:Fin du déploiement déclarée par le porteur, avec sa facture",
                "requireReason:usageWaiverReason:usageWaived4,usageWaived5",
                "recordFormFacts:" + VERIFIER_CRITERES_UTILISATION,
                "computeUsageRatios",
                "recordFacts:usageTrancheAmount=58000",
                "scheduleTranche:usage-Guadeloupe:58000",
                "releaseTranche:usage-Guadeloupe:Facture FAC-2022-007",
                "recordPayment:usage-Guadeloupe:Mandat 2022-0101",
                "sendMail:" + MailTemplates.VERSEMENT_TRANCHE,
                "setDossierStatus:CLOSED:Toutes les tranches versées : projet soldé");
    }

    /**
     * « Les projets pilotes peuvent être multirégionaux (…). Le financement sera assuré par chaque ARS, au prorata du
     * nombre d'ESMS concernés dans la région » : one convention per ARS concerned, and each milestone's tranche paid
     * by each ARS on its own part.
     */
    @Test
    void aMultiRegionalProjectHasAConventionPerArsAndEachArsPaysItsPart() {
        shares = new java.util.LinkedHashMap<>(Map.of("Guadeloupe", 174_000L));
        shares.put("Martinique", 116_000L);
        var dossier = startAwardedBefore(CHARGER_PARTS_REGIONALES);
        runAllAsyncSteps();
        var conventions = taskService().createTaskQuery().processInstanceBusinessKey(DOSSIER).taskDefinitionKey(SIGNER_CONVENTION).list();
        assertThat(conventions).hasSize(2).extracting(t -> taskService().getVariable(t.getId(), "shareRegion"))
                .containsExactlyInAnyOrder("Guadeloupe", "Martinique");
        taskService().complete(conventions.get(0).getId(), withVariables(CONVENTION_SIGNED_ON, "2021-06-15"));
        runAllAsyncSteps();
        assertThat(dossier).isWaitingAt(SIGNER_CONVENTION).hasNotPassed(ENREGISTRER_CONVENTION);
        taskService().complete(conventions.get(1).getId(), withVariables(CONVENTION_SIGNED_ON, "2021-06-22"));
        runAllAsyncSteps();

        // 40 % of each part, each its own tranche to release and pay
        var releases = taskService().createTaskQuery().processInstanceBusinessKey(DOSSIER).taskDefinitionKey(LIBERER_TRANCHE).list();
        assertThat(releases).extracting(t -> taskService().getVariable(t.getId(), TRANCHE))
                .containsExactlyInAnyOrder("signature-Guadeloupe", "signature-Martinique");
        assertThat(journal).contains("scheduleTranche:signature-Guadeloupe:69600", "scheduleTranche:signature-Martinique:46400");
        for (var release : releases) {
            taskService().complete(release.getId(), withVariables(TRANCHE_EVIDENCE, "Convention signée"));
        }
        for (var payment : taskService().createTaskQuery().processInstanceBusinessKey(DOSSIER).taskDefinitionKey(METTRE_EN_PAIEMENT).list()) {
            taskService().complete(payment.getId(), withVariables(PAYMENT_REFERENCE, "Mandat"));
        }
        runAllAsyncSteps();
        assertThat(dossier).isWaitingAt(FIN_PARAMETRAGE_DECLAREE);
    }

    /** « La part de financement de chaque critère est lié au résultat obtenu » : one missed, one half met. */
    @Test
    void aMissedIndicatorLowersTheUsageTranche() {
        ratios = new double[] {1, 0.5, 1, 1, 0};
        var dossier = startAwardedBefore(ENREGISTRER_FIN_DEPLOIEMENT);
        runAllAsyncSteps();
        taskService().complete(tranchesTask().getId(), withVariables(USAGE_WAIVED_4, false, USAGE_WAIVED_5, false));
        runAllAsyncSteps();
        // 58 000 € shared in five: 11 600 € × (1 + 0,5 + 1 + 1 + 0)
        assertThat(dossier).variables().containsEntry(USAGE_TRANCHE_AMOUNT, 40_600L);
        assertThat(journal).contains("scheduleTranche:usage-Guadeloupe:40600");
        payTranche("usage-Guadeloupe", "Facture FAC-2022-007", "Mandat 2022-0101");
        assertThat(dossier).isEnded().hasPassed(SOLDER_PROJET);
    }

    /** « En cas de difficulté majeure de mise en place d'un projet socle (…) les 20% seront répartis sur les autres critères. » */
    @Test
    void aWaivedSocleCriterionIsSharedByTheOthers() {
        ratios = new double[] {1, 1, 1, 1, 0.2};
        var dossier = startAwardedBefore(ENREGISTRER_FIN_DEPLOIEMENT);
        runAllAsyncSteps();
        taskService().complete(tranchesTask().getId(), withVariables(USAGE_WAIVED_4, false, USAGE_WAIVED_5, true,
                USAGE_WAIVER_REASON, "Le DMP n'est pas ouvert aux ESMS de la région avant 2023."));
        runAllAsyncSteps();
        // four criteria of 14 500 €, all met: the whole 20 %
        assertThat(dossier).variables().containsEntry(USAGE_TRANCHE_AMOUNT, 58_000L);
    }

    /** No usage at all: nothing is due of the last 20 %, and the project is closed without a payment task. */
    @Test
    void noUsageMeansNothingToPayAndTheProjectIsClosed() {
        ratios = new double[] {0, 0, 0, 0, 0};
        var dossier = startAwardedBefore(ENREGISTRER_FIN_DEPLOIEMENT);
        runAllAsyncSteps();
        taskService().complete(tranchesTask().getId(), withVariables(USAGE_WAIVED_4, false, USAGE_WAIVED_5, false));
        runAllAsyncSteps();
        assertThat(dossier).isEnded().hasPassed(VERSER_TRANCHE_USAGE, SOLDER_PROJET);
        assertThat(journal).contains("scheduleTranche:usage-Guadeloupe:0").doesNotContain("releaseTranche:usage-Guadeloupe:null");
        assertThat(historyService().createHistoricActivityInstanceQuery().activityId("Event_RienAVerser").count()).isOne();
    }

    /** « Les candidats non retenus recevront une notification de la décision » — also those the last sitting could not see. */
    @Test
    void aDossierStillUnderReviewWhenTheSelectionClosesIsNotSelectedAndNotified() {
        for (var waitingAt : List.of(VERIFIER_RECEVABILITE, ATTENTE_COMPLEMENTS, INSTRUIRE_DOSSIER)) {
            journal.clear();
            var dossier = startBefore(waitingAt);
            runtimeService().createMessageCorrelation(Messages.SELECTION_CLOSED).processInstanceBusinessKey(DOSSIER).correlate();
            runAsyncSteps(dossier);
            assertThat(dossier).as(waitingAt).isEnded()
                    .hasPassedInOrder(CLASSER_NON_PRESENTE, NOTIFIER_SELECTION_CLOSE, DOSSIER_CLASSE_NON_RETENU);
            assertThat(journal).as(waitingAt).endsWith(
                    "setDossierStatus:NOT_SELECTED:Sélection close : le dossier n'a pas pu être présenté au comité de "
                            + "sélection avant sa dernière séance",
                    "sendMail:" + MailTemplates.SELECTION_CLOSE);
        }
    }

    /** Each month the reports are checked: on time nothing happens, one missing reminds, two missing escalate. */
    @Test
    void aMissingMonthlyReportRemindsTheBeneficiaryAndTwoEscalateToTheReviewer() {
        reportMonths.addAll(List.of("reçu", "manquant", "deux mois manquants"));
        var dossier = startAwardedBefore(ATTENDRE_FIN_DEPLOIEMENT);
        for (int month = 1; month <= 3; month++) {
            var check = managementService().createJobQuery().timers().activityId(CONTROLE_MENSUEL_RELEVES).singleResult();
            assertThat(check.getDuedate()).isEqualTo(Date.from(SUBMITTED_AT.atZone(java.time.ZoneOffset.UTC)
                    .plusMonths(month).toInstant()));
            ClockUtil.setCurrentTime(check.getDuedate());
            execute(check);
            runAllAsyncSteps();
        }
        assertThat(journal).containsExactly(
                "checkUsageReports:reçu",
                "checkUsageReports:manquant", "sendMail:" + MailTemplates.RELANCE_INDICATEURS,
                "checkUsageReports:deux mois manquants", "sendMail:" + MailTemplates.RELANCE_INDICATEURS);
        assertThat(dossier).isWaitingAt(ATTENDRE_FIN_DEPLOIEMENT, EXAMINER_RETARD_RELEVES)
                .hasPassed(RELEVE_A_JOUR, PORTEUR_RELANCE, RELANCER_RELEVES);
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"esms-numerique-retard-releves\"");
        complete(task(), withVariables("overdueNote", "Joint au téléphone : relevés de mars et avril envoyés cette semaine."));
        // the wait goes on: the beneficiary still declares the end of its deployment
        assertThat(dossier).isWaitingAt(ATTENDRE_FIN_DEPLOIEMENT);
        assertThat(journal).endsWith("recordFormFacts:" + EXAMINER_RETARD_RELEVES);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The reviewer releases the dossier's tranche on its evidence, finance records its payment, the mail goes. */
    private void payTranche(String tranche, String evidence, String reference) {
        runAllAsyncSteps();
        var release = tranchesTask();
        assertThat(release.getTaskDefinitionKey()).isEqualTo(LIBERER_TRANCHE);
        assertThat(release).hasCandidateGroup(REVIEWERS);
        assertThat(taskService().getVariable(release.getId(), TRANCHE)).isEqualTo(tranche);
        assertThat(deployedForm(release)).contains("\"id\": \"payment-liberation\"");
        taskService().complete(release.getId(), withVariables(TRANCHE_EVIDENCE, evidence));
        var payment = tranchesTask();
        assertThat(payment.getTaskDefinitionKey()).isEqualTo(METTRE_EN_PAIEMENT);
        assertThat(payment).hasCandidateGroup(FINANCE);
        assertThat(deployedForm(payment)).contains("\"id\": \"payment-mise-en-paiement\"");
        taskService().complete(payment.getId(), withVariables(PAYMENT_REFERENCE, reference));
        runAllAsyncSteps();
    }

    /** The beneficiary's filing reaches the dossier (the intake stores what it declared as the dossier's facts). */
    private void declareMilestone(String message) {
        runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(DOSSIER).correlate();
        runAllAsyncSteps();
    }

    /** The one open task of the dossier, in its own process or in a tranche it called. */
    private static Task tranchesTask() {
        return taskService().createTaskQuery().processInstanceBusinessKey(DOSSIER).singleResult();
    }

    /** Runs every pending asynchronous continuation of the dossier and the tranches it called; timers aside. */
    private void runAllAsyncSteps() {
        for (int i = 0; i < 40; i++) {
            List<Job> jobs = managementService().createJobQuery().messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the dossier keeps creating asynchronous jobs");
    }

    private Map<String, Object> dossierVariables() {
        return withVariables(
                DOSSIER_NUMBER, DOSSIER,
                CAMPAIGN_KEY, CAMPAIGN,
                REVIEWER_GROUP, REVIEWERS,
                COMPLEMENTS_DELAY, "P15D",
                CONVENTION_REMINDER_DELAY, "P21D",
                FINANCE_GROUP, FINANCE,
                USAGE_REPORT_CYCLE, "R/P1M");
    }

    /** A detour, started where it begins, with what the intake would have set. */
    private ProcessInstance startBefore(String activityId) {
        return runtimeService().createProcessInstanceByKey(EsmsNumeriqueDossier.PROCESS_ID)
                .businessKey(DOSSIER)
                .setVariables(dossierVariables())
                .setVariable("fundingShares", new ArrayList<>(shares.keySet()))
                .startBeforeActivity(activityId)
                .execute();
    }

    /** A step after the award, started where it begins: the funding decision's result is known. */
    private ProcessInstance startAwardedBefore(String activityId) {
        return runtimeService().createProcessInstanceByKey(EsmsNumeriqueDossier.PROCESS_ID)
                .businessKey(DOSSIER)
                .setVariables(dossierVariables())
                .setVariable(GRANT_AMOUNT, ADMISSIBLE_ACQUISITION_GRANT)
                .setVariable("fundingShares", new ArrayList<>(shares.keySet()))
                .startBeforeActivity(activityId)
                .execute();
    }

    private static Map<String, Object> instruction() {
        return withVariables(
                SCORE_MOTIVATION, 4,
                SCORE_PERIMETRE_FONCTIONNEL, 3,
                SCORE_MUTUALISATION, 5,
                SCORE_INTEROPERABILITE, 4,
                SCORE_PLATEFORME_REGIONALE, 2,
                INSTRUCTION_COMMENT, "Projet structurant pour trois organismes gestionnaires.");
    }

    private void correlateCommitteeDecision(boolean selected, String reason) {
        runtimeService().createMessageCorrelation(Messages.COMMITTEE_DECISION)
                .processInstanceBusinessKey(DOSSIER)
                .processInstanceVariableEquals(CAMPAIGN_KEY, CAMPAIGN)
                .setVariable(SELECTED, selected)
                .setVariable(COMMITTEE_REASON, reason)
                .correlate();
    }

    /**
     * Runs the dossier's pending asynchronous continuations (mails, service tasks, savepoints after user tasks) one
     * job at a time, as the job executor would; timers are left to the test.
     */
    private void runAsyncSteps(ProcessInstance dossier) {
        for (int i = 0; i < 20; i++) {
            List<Job> jobs = managementService().createJobQuery().processInstanceId(dossier.getId()).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the dossier keeps creating asynchronous jobs");
    }

    private static Job complementsDeadline() {
        return managementService().createJobQuery().timers().activityId(DELAI_COMPLEMENTS_ECOULE).singleResult();
    }

    @SuppressWarnings("unchecked")
    private static List<String> admissibilityReasons(ProcessInstance dossier) {
        return (List<String>) runtimeService().getVariable(dossier.getId(), ADMISSIBILITY_REASONS);
    }

    /** The schedule the model gives the convention task, as the view listener reads it. */
    private static List<String> paymentSchedule(Task task) {
        var schedule = (List<?>) taskService().getVariable(task.getId(), PAYMENT_SCHEDULE);
        return schedule.stream().map(step -> (Map<?, ?>) step)
                .map(step -> step.get("percent") + " % " + step.get("when"))
                .toList();
    }

        private static String deployedForm(Task task) {
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TypedValue transientValue(Object value) {
        if (value instanceof String s) {
            return Variables.stringValue(s, true);
        }
        if (value instanceof Integer n) {
            return Variables.integerValue(n, true);
        }
        if (value instanceof Boolean b) {
            return Variables.booleanValue(b, true);
        }
        throw new IllegalArgumentException("unexpected fact " + value);
    }
}
