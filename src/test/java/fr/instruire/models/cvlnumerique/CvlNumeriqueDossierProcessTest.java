package fr.instruire.models.cvlnumerique;

import static fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Elements.*;
import static fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Variables.*;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Delegates;
import fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Facts;
import fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.MailTemplates;
import fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Messages;
import fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Recevabilite;
import fr.instruire.models.PaymentTranches;

/**
 * The dossier's timeline, run on an in-memory engine with the real decision tables (eligibility, funding) and the
 * platform's delegates replaced by recorders that keep the dossier's facts in a map, as the real ones keep them in its
 * tables: the happy path whole, then each detour started where it begins.
 */
@Deployment(resources = {
        CvlNumeriqueDossier.BPMN,
        CvlNumeriqueDossier.ELIGIBILITY_DMN,
        CvlNumeriqueDossier.FUNDING_DMN,
        CvlNumeriqueDossier.FORM_RECEVABILITE,
        CvlNumeriqueDossier.FORM_ANALYSE,
        CvlNumeriqueDossier.FORM_AVIS_URPS,
        CvlNumeriqueDossier.FORM_ACCOMPAGNEMENT,
        CvlNumeriqueDossier.PAYMENT_DMN,
        CvlNumeriqueDossier.PAYMENT_TRANCHE_BPMN,
        CvlNumeriqueDossier.FORM_LIBERATION,
        CvlNumeriqueDossier.FORM_MISE_EN_PAIEMENT })
class CvlNumeriqueDossierProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String DOSSIER = "CVL-2025-0003";
    private static final String CAMPAIGN = "cvl-numerique-2025";
    private static final String REVIEWERS = "instructeurs-cvl";
    private static final String URPS = "urps-cvl";
    private static final Instant SUBMITTED_AT = Instant.parse("2025-06-02T08:30:00Z");

    /** Two CPTS, a pilot structure designated, received in time, 120 000 € requested. */
    private static final Map<String, Object> ELIGIBLE = Map.of(
            Facts.CPTS_COUNT, 2L,
            Facts.PILOT_STRUCTURE_DESIGNATED, true,
            Facts.SUBMITTED_BEFORE_DEADLINE, true,
            Facts.REQUESTED_AMOUNT, 120_000L);
    /** The cost the reviewer retains as eligible at the analysis. */
    private static final long ELIGIBLE_COST = 150_000L;

    /** What the delegates were called with, in order: {@code bean:argument}. */
    private final List<String> journal = new ArrayList<>();
    /** The tranches the ledger holds, in order (the loadFunding and scheduleTranche recorders share it). */
    private final List<Long> ledger = new ArrayList<>();
    /** The reviewers' tasks whose view was prepared. */
    private final List<String> views = new ArrayList<>();
    /** The dossier's facts as the platform stores them; the recorders below read and write them. */
    private final Map<String, Object> facts = new HashMap<>(ELIGIBLE);

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(SUBMITTED_AT));
        Mocks.register(Delegates.SEND_MAIL,
                (JavaDelegate) execution -> journal.add("sendMail:" + execution.getVariableLocal(TEMPLATE)));
        // as the platform's: each fact a transient variable, or replacing a stored variable of its name
        Mocks.register(Delegates.LOAD_DOSSIER_FACTS, (ExecutionListener) execution -> {
            journal.add("loadDossierFacts");
            facts.forEach((name, value) -> {
                var existing = execution.getVariableTyped(name);
                execution.setVariable(name, existing == null || existing.isTransient()
                        ? Variables.untypedValue(value, true) : value);
            });
        });
        Mocks.register(Delegates.RECORD_ADMISSIBILITY_REVIEW,
                (TaskListener) task -> journal.add("recordAdmissibilityReview:" + task.getVariable(RECEVABILITE_DECISION)));
        Mocks.register(Delegates.REQUEST_COMPLEMENTS,
                (JavaDelegate) execution -> journal.add("requestComplements:" + execution.getVariable(COMPLEMENTS_REQUEST)));
        Mocks.register(Delegates.SET_DOSSIER_STATUS, (JavaDelegate) execution -> journal.add("setDossierStatus:"
                + execution.getVariableLocal(STATUS)));
        Mocks.register(Delegates.PREPARE_TASK_VIEW, (TaskListener) task -> views.add(task.getTaskDefinitionKey()));
        Mocks.register(Delegates.CHECK_INSTRUCTION, (TaskListener) task -> journal.add("checkInstruction"));
        Mocks.register(Delegates.RECORD_FORM_FACTS, (TaskListener) task -> {
            var names = new ArrayList<String>();
            for (var name : task.getVariable(FACTS).toString().split(",")) {
                var key = name.strip().replace("*", "");
                facts.put(key, task.getVariable(key));
                names.add(key);
            }
            journal.add("recordFormFacts:" + String.join(",", names));
        });
        Mocks.register(Delegates.RECORD_OPINION, (TaskListener) task -> {
            facts.put(Facts.URPS_OPINION, task.getVariable(OPINION));
            journal.add("recordOpinion:" + task.getVariable(OPINION_OF) + ":" + task.getVariable(OPINION));
        });
        Mocks.register(Delegates.RECORD_INSTRUCTION, (JavaDelegate) execution -> {
            // the platform's: the `funding` decision of the descriptor, before the committee, is the amount requested
            execution.setVariable(GRANT_AMOUNT, facts.get(Facts.REQUESTED_AMOUNT));
            journal.add("recordInstruction");
        });
        Mocks.register(Delegates.OPEN_FUNDING, (JavaDelegate) execution -> journal.add("openFunding"));
        // the ledger, as the platform keeps it: what each tranche set
        Mocks.register(Delegates.LOAD_FUNDING, (JavaDelegate) execution -> {
            execution.setVariable("fundingCommitted", ledger.stream().mapToLong(Long::longValue).sum());
            execution.setVariable("fundingTranches", (long) ledger.size());
        });
        Mocks.register(Delegates.SCHEDULE_TRANCHE, (JavaDelegate) execution -> {
            long amount = ((Number) execution.getVariable("trancheAmount")).longValue();
            if (amount > 0) {
                ledger.add(amount);
            }
            journal.add("scheduleTranche:" + execution.getVariable("tranche") + ":" + amount);
        });
        Mocks.register(Delegates.RELEASE_TRANCHE, (TaskListener) task -> journal.add("releaseTranche:" + task.getVariable("tranche")));
        Mocks.register(Delegates.RECORD_PAYMENT, (TaskListener) task -> journal.add("recordPayment:" + task.getVariable("tranche")));
        Mocks.register(Delegates.RECORD_FACTS, (JavaDelegate) execution -> {
            var recorded = new ArrayList<String>();
            for (var name : execution.getVariableLocal(FACTS).toString().split(",")) {
                var key = name.strip();
                facts.put(key, execution.getVariable(key));
                recorded.add(key + "=" + execution.getVariable(key));
            }
            journal.add("recordFacts:" + String.join(",", recorded));
        });
    }

    @AfterEach
    void resetDelegatesAndClock() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void eligibleProjectIsAnalysedWithTheUrpsOpinionSelectedAtItsRateAndItsGrantNotified() {
        var dossier = runtimeService().startProcessInstanceByKey(CvlNumeriqueDossier.PROCESS_ID, DOSSIER, dossierVariables());
        // the acknowledgement is sent in its own job: the intake's transaction commits before any mail goes out
        assertThat(dossier).isWaitingAt(ENVOYER_ACCUSE_RECEPTION);

        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(admissibilityReasons(dossier)).isEmpty();
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"cvl-numerique-recevabilite\"");

        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.RECEVABLE));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ANALYSER_PROJET);
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"cvl-numerique-analyse\"");

        complete(task(), analysis(true));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(RECUEILLIR_AVIS_URPS);
        assertThat(task()).hasCandidateGroup(URPS);
        assertThat(deployedForm(task())).contains("\"id\": \"cvl-numerique-avis-urps\"");
        assertThat(taskService().getVariable(task().getId(), OPINION_OF)).isEqualTo("URPS");

        complete(task(), withVariables(OPINION, "FAVORABLE", OPINION_TEXT, "Projet attendu par les professionnels."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DECISION_COMITE_RECUE).hasNotPassed(DELAI_AVIS_URPS_ECOULE);
        // the opinion was the task's: its variables are gone with it, the platform keeps it as facts
        assertThat(runtimeService().getVariables(dossier.getId())).doesNotContainKeys(OPINION, OPINION_TEXT, OPINION_OF);

        // the committee retains the project at 60 %: its rate is a fact of the dossier when the message arrives
        facts.put(Facts.INTERVENTION_RATE, 60L);
        correlateCommitteeDecision(true, "Projet emblématique du territoire.");
        runAsyncSteps(dossier);

        // the grant opens: the beneficiary now justifies its expenses (see the next test)
        assertThat(dossier).isWaitingAt(ATTENDRE_JUSTIFICATIFS).hasPassedInOrder(
                CANDIDATURE_DEPOSEE, ENVOYER_ACCUSE_RECEPTION, APPLIQUER_REGLES_ELIGIBILITE, VERIFIER_RECEVABILITE,
                NOTIFIER_RECEVABILITE, ANALYSER_PROJET, RECUEILLIR_AVIS_URPS, ENREGISTRER_ANALYSE,
                DECISION_COMITE_RECUE, CALCULER_SUBVENTION, ENREGISTRER_SUBVENTION, NOTIFIER_SELECTION,
                OUVRIR_SUBVENTION);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.ACCUSE_RECEPTION,
                "loadDossierFacts",
                "recordAdmissibilityReview:" + Recevabilite.RECEVABLE,
                "sendMail:" + MailTemplates.RECEVABILITE,
                "checkInstruction",
                "recordFormFacts:eligibleCost",
                "recordOpinion:URPS:FAVORABLE",
                "recordInstruction",
                "loadDossierFacts",
                // 150 000 € × 60 %, within the indicative 40–80 %
                "recordFacts:grantAmount=90000,rateWithinIndicativeRange=true",
                "sendMail:" + MailTemplates.DECISION,
                "openFunding");
        assertThat(views).containsExactly(VERIFIER_RECEVABILITE, ANALYSER_PROJET, RECUEILLIR_AVIS_URPS);
        assertThat(facts).containsEntry(Facts.ELIGIBLE_COST, ELIGIBLE_COST).containsEntry(GRANT_AMOUNT, 90_000L)
                .containsEntry(RATE_WITHIN_INDICATIVE_RANGE, true);
    }

    @Test
    void projectFailingTheEligibilityRulesShowsTheirReasonsToTheReviewer() {
        facts.put(Facts.CPTS_COUNT, 0L);
        facts.put(Facts.PILOT_STRUCTURE_DESIGNATED, false);

        var dossier = startBefore(APPLIQUER_REGLES_ELIGIBILITE);
        runAsyncSteps(dossier);

        // the rules inform the reviewer, who decides: the dossier still goes to the check
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(admissibilityReasons(dossier)).hasSize(2)
                .anySatisfy(reason -> assertThat(reason).startsWith("Territoire d’une ou plusieurs CPTS"))
                .anySatisfy(reason -> assertThat(reason).startsWith("Structure juridique pilote"));
        // facts are read from the dossier each time, never kept in the process
        assertThat(runtimeService().getVariables(dossier.getId())).doesNotContainKeys(
                Facts.CPTS_COUNT, Facts.PILOT_STRUCTURE_DESIGNATED, Facts.SUBMITTED_BEFORE_DEADLINE);
    }

    @Test
    void requestedComplementsOnceReceivedGoThroughTheRulesAndTheReviewerAgain() {
        facts.put(Facts.PILOT_STRUCTURE_DESIGNATED, false);
        var dossier = startBefore(APPLIQUER_REGLES_ELIGIBILITE);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(admissibilityReasons(dossier)).hasSize(1);

        complete(task(), withVariables(
                RECEVABILITE_DECISION, Recevabilite.COMPLEMENTS,
                COMPLEMENTS_REQUEST, "Délibération du collectif désignant la structure pilote",
                RECEVABILITE_COMMENT, "Structure pilote non désignée"));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENTE_COMPLEMENTS);
        assertThat(complementsDeadline().getDuedate()).isEqualTo(Date.from(SUBMITTED_AT.plus(Duration.ofDays(15))));

        facts.put(Facts.PILOT_STRUCTURE_DESIGNATED, true);
        runtimeService().createMessageCorrelation(Messages.COMPLEMENTS_RECEIVED).processInstanceBusinessKey(DOSSIER)
                .correlate();
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE).hasPassed(COMPLEMENTS_RECUS)
                .hasNotPassed(DELAI_COMPLEMENTS_ECOULE);
        // the reviewer starts again from a blank form
        assertThat(runtimeService().getVariables(dossier.getId()))
                .containsEntry(RECEVABILITE_DECISION, null)
                .containsEntry(COMPLEMENTS_REQUEST, null)
                .containsEntry(RECEVABILITE_COMMENT, null);
        assertThat(admissibilityReasons(dossier)).isEmpty();
        assertThat(journal).containsExactly(
                "loadDossierFacts",
                "recordAdmissibilityReview:" + Recevabilite.COMPLEMENTS,
                "requestComplements:Délibération du collectif désignant la structure pilote",
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS,
                "loadDossierFacts");
    }

    @Test
    void projectWithoutComplementsWithinTheDelayIsDeclaredInadmissibleAndNotified() {
        var dossier = startBefore(ENVOYER_DEMANDE_COMPLEMENTS);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENTE_COMPLEMENTS);

        ClockUtil.setCurrentTime(Date.from(SUBMITTED_AT.plus(Duration.ofDays(15))));
        execute(complementsDeadline());
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(
                DELAI_COMPLEMENTS_ECOULE, DECLARER_IRRECEVABLE, NOTIFIER_IRRECEVABILITE, DOSSIER_IRRECEVABLE);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS,
                "setDossierStatus:INADMISSIBLE",
                "sendMail:" + MailTemplates.RECEVABILITE);
        // complements arriving after the deadline no longer match the dossier: the intake API answers so
        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(Messages.COMPLEMENTS_RECEIVED)
                .processInstanceBusinessKey(DOSSIER).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void reviewerDeclaringTheProjectInadmissibleNotifiesTheApplicant() {
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);

        complete(task(), withVariables(
                RECEVABILITE_DECISION, Recevabilite.IRRECEVABLE,
                RECEVABILITE_COMMENT, "Le projet n'est porté par aucun collectif d'acteurs de santé."));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(NOTIFIER_IRRECEVABILITE, DOSSIER_IRRECEVABLE)
                .hasNotPassed(DECLARER_IRRECEVABLE, ANALYSER_PROJET);
        assertThat(journal).containsExactly(
                "recordAdmissibilityReview:" + Recevabilite.IRRECEVABLE,
                "sendMail:" + MailTemplates.RECEVABILITE);
    }

    @Test
    void analysisWithoutTheUrpsOpinionGoesStraightToTheCommittee() {
        var dossier = startBefore(ANALYSER_PROJET);
        assertThat(dossier).isWaitingAt(ANALYSER_PROJET);

        complete(task(), analysis(false));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(DECISION_COMITE_RECUE).hasPassed(AVIS_URPS_SOLLICITE, AVIS_URPS_RECUEILLI)
                .hasNotPassed(RECUEILLIR_AVIS_URPS);
        assertThat(journal).containsExactly("checkInstruction", "recordFormFacts:eligibleCost", "recordInstruction");
        // until the committee sets the rate, the amount requested stands in for the grant
        assertThat(runtimeService().getVariable(dossier.getId(), GRANT_AMOUNT)).isEqualTo(120_000L);
    }

    @Test
    void anUrpsOpinionNotGivenWithinTheDelayLeavesTheProjectToTheCommitteeWithoutIt() {
        var dossier = startBefore(ANALYSER_PROJET);
        assertThat(dossier).isWaitingAt(ANALYSER_PROJET);
        complete(task(), analysis(true));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(RECUEILLIR_AVIS_URPS);
        var delay = managementService().createJobQuery().timers().activityId(DELAI_AVIS_URPS_ECOULE).singleResult();
        assertThat(delay.getDuedate()).isEqualTo(Date.from(SUBMITTED_AT.plus(Duration.ofDays(15))));

        ClockUtil.setCurrentTime(delay.getDuedate());
        execute(delay);
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(DECISION_COMITE_RECUE).hasPassed(DELAI_AVIS_URPS_ECOULE, ENREGISTRER_ANALYSE);
        assertThat(taskService().createTaskQuery().processInstanceId(dossier.getId()).count()).isZero();
        assertThat(journal).containsExactly("checkInstruction", "recordFormFacts:eligibleCost", "recordInstruction");
        assertThat(facts).doesNotContainKey(Facts.URPS_OPINION);
    }

    @Test
    void aRateOutsideTheIndicativeRangeIsAppliedAsSetAndFlagged() {
        facts.put(Facts.ELIGIBLE_COST, ELIGIBLE_COST);
        facts.put(Facts.INTERVENTION_RATE, 85L);
        var dossier = startBefore(DECISION_COMITE_RECUE);

        correlateCommitteeDecision(true, "Plan de financement sans autre cofinanceur.");
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(ATTENDRE_JUSTIFICATIFS)
                .hasPassed(CALCULER_SUBVENTION, ENREGISTRER_SUBVENTION, NOTIFIER_SELECTION).hasNotPassed(NOTIFIER_NON_SELECTION);
        // never brought back to 80 %: 150 000 € × 85 %, flagged
        assertThat(journal).containsExactly("loadDossierFacts",
                "recordFacts:grantAmount=127500,rateWithinIndicativeRange=false",
                "sendMail:" + MailTemplates.DECISION, "openFunding");
    }

    @Test
    void aSelectedProjectWithoutARateFailsIntoAnIncidentRatherThanRecordAnAmount() {
        facts.put(Facts.ELIGIBLE_COST, ELIGIBLE_COST);
        var dossier = startBefore(DECISION_COMITE_RECUE);

        correlateCommitteeDecision(true, "Projet retenu.");
        var calculation = managementService().createJobQuery().processInstanceId(dossier.getId())
                .activityId(CALCULER_SUBVENTION).singleResult();
        assertThatThrownBy(() -> managementService().executeJob(calculation.getId()))
                .hasMessageContaining("decisionResult.getSingleResult()").hasMessageContaining("resolved to null");

        // nothing recorded, nothing sent: the job waits for its retries (then an incident), the decision is kept
        assertThat(managementService().createJobQuery().jobId(calculation.getId()).singleResult().getRetries()).isEqualTo(4);
        assertThat(dossier).isWaitingAt(CALCULER_SUBVENTION);
        assertThat(journal).containsExactly("loadDossierFacts");
        assertThat(facts).doesNotContainKey(GRANT_AMOUNT);
    }

    @Test
    void aProjectNotSelectedIsNotifiedThenOfferedTheSpecificSupportAtHalfItsServiceCost() {
        facts.put(Facts.ELIGIBLE_COST, ELIGIBLE_COST);
        var dossier = startBefore(DECISION_COMITE_RECUE);

        correlateCommitteeDecision(false, "Stratégie territoriale à consolider.");
        runAsyncSteps(dossier);
        // the applicant learns the committee's decision first
        assertThat(dossier).isWaitingAt(DECIDER_ACCOMPAGNEMENT).hasPassed(NOTIFIER_NON_SELECTION)
                .hasNotPassed(CALCULER_SUBVENTION);
        assertThat(journal).containsExactly("sendMail:" + MailTemplates.DECISION);
        assertThat(task()).hasCandidateGroup(REVIEWERS);
        assertThat(deployedForm(task())).contains("\"id\": \"cvl-numerique-accompagnement\"");

        complete(task(), withVariables(Facts.SUPPORT_OFFERED, true, Facts.ENGINEERING_SERVICE_COST, 24_999L,
                Facts.SUPPORT_COMMENT, "Assistance à maîtrise d'ouvrage pour finaliser la stratégie territoriale."));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(DECIDER_ACCOMPAGNEMENT, CALCULER_AIDE_ACCOMPAGNEMENT,
                ENREGISTRER_AIDE_ACCOMPAGNEMENT, ACCOMPAGNEMENT_PROPOSE, MARQUER_ACCOMPAGNEMENT_PROPOSE,
                NOTIFIER_ACCOMPAGNEMENT, ACCOMPAGNEMENT_NOTIFIE);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.DECISION,
                "recordFormFacts:supportOffered,engineeringServiceCost,supportComment",
                "loadDossierFacts",
                // « dans la limite de 50 % du coût de la prestation », to the euro below
                "recordFacts:grantAmount=12499",
                "setDossierStatus:SUPPORT_OFFERED",
                "sendMail:" + MailTemplates.ACCOMPAGNEMENT_SPECIFIQUE);
        assertThat(views).containsExactly(DECIDER_ACCOMPAGNEMENT);
    }

    @Test
    void aProjectNotSelectedAndNotOfferedTheSupportIsLeftWithNoAmount() {
        var dossier = startBefore(DECISION_COMITE_RECUE);
        correlateCommitteeDecision(false, "Projet hors du champ de l'AMI.");
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DECIDER_ACCOMPAGNEMENT);

        complete(task(), withVariables(Facts.SUPPORT_OFFERED, false));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(CALCULER_AIDE_ACCOMPAGNEMENT, ENREGISTRER_AIDE_ACCOMPAGNEMENT,
                ACCOMPAGNEMENT_PROPOSE, DOSSIER_NON_RETENU).hasNotPassed(MARQUER_ACCOMPAGNEMENT_PROPOSE);
        // the amount requested, shown to the committee, does not stay on the dossier as its funding
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.DECISION,
                "recordFormFacts:supportOffered,engineeringServiceCost,supportComment",
                "loadDossierFacts",
                "recordFacts:grantAmount=0");
    }

    @Test
    void committeeDecisionOfAnotherCampaignDoesNotReachTheDossier() {
        startBefore(DECISION_COMITE_RECUE);

        assertThatThrownBy(() -> runtimeService().createMessageCorrelation(Messages.COMMITTEE_DECISION)
                .processInstanceBusinessKey(DOSSIER)
                .processInstanceVariableEquals(CAMPAIGN_KEY, "cvl-numerique-2026")
                .setVariable(SELECTED, true)
                .correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void failingMailIsRetriedEveryFiveMinutesWithoutUndoingTheReview() {
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
        assertThat(journal).containsExactly("recordAdmissibilityReview:" + Recevabilite.RECEVABLE);
    }

    // ---------------------------------------------------------------------------------------------------------

    private Map<String, Object> dossierVariables() {
        return withVariables(
                DOSSIER_NUMBER, DOSSIER,
                CAMPAIGN_KEY, CAMPAIGN,
                REVIEWER_GROUP, REVIEWERS,
                COMPLEMENTS_DELAY, "P15D",
                CONVENTION_REMINDER_DELAY, "P30D",
                URPS_GROUP, URPS,
                URPS_OPINION_DELAY, "P15D",
                "financeGroup", "finance-cvl");
    }

    /**
     * « un taux d'intervention de 40 à 80 % du coût du projet » : each statement of justified expenses is paid at the
     * committee's rate, within the grant, less what was set before; the final one closes the project.
     */
    @Test
    void justifiedExpensesArePaidAtTheCommitteesRateUntilTheFinalStatement() {
        facts.put(Facts.INTERVENTION_RATE, 60L);
        facts.put(GRANT_AMOUNT, 90_000L);
        var dossier = startBefore(ATTENDRE_JUSTIFICATIFS);
        journal.clear();

        // 50 000 € justified: 60 % = 30 000 €
        fileStatement(50_000L, false);
        payTranche("versement-1");
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENDRE_JUSTIFICATIFS);
        // 120 000 € in all: 72 000 € less the 30 000 € set = 42 000 €
        fileStatement(120_000L, false);
        payTranche("versement-2");
        runAsyncSteps(dossier);
        // the final statement: 160 000 € would make 96 000 €, the grant stops at 90 000 €: 18 000 € more
        fileStatement(160_000L, true);
        payTranche("versement-3");
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassed(SOLDER_PROJET, PROJET_SOLDE);
        assertThat(journal).containsSubsequence("scheduleTranche:versement-1:30000", "scheduleTranche:versement-2:42000",
                "scheduleTranche:versement-3:18000", "setDossierStatus:CLOSED");
        assertThat(ledger).containsExactly(30_000L, 42_000L, 18_000L);
    }

    /** A statement that adds nothing payable (the grant reached) sets no tranche and the dossier waits for the next. */
    @Test
    void aStatementWithNothingMoreToPayWaitsForTheNext() {
        facts.put(Facts.INTERVENTION_RATE, 60L);
        facts.put(GRANT_AMOUNT, 90_000L);
        ledger.add(90_000L);
        var dossier = startBefore(ATTENDRE_JUSTIFICATIFS);
        fileStatement(200_000L, false);
        runAllJobs();
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENDRE_JUSTIFICATIFS);
        assertThat(journal).contains("scheduleTranche:versement-2:0").doesNotContain("releaseTranche:versement-2");
    }

    /** What the platform does on a filing « justificatifs »: the facts stored, the message with finalStatement. */
    private void fileStatement(long justifiedExpenses, boolean finalStatement) {
        facts.put("justifiedExpenses", justifiedExpenses);
        runtimeService().createMessageCorrelation("justificatifs-deposes").processInstanceBusinessKey(DOSSIER)
                .setVariable("finalStatement", finalStatement).correlate();
        runAllJobs();
    }

    /** The dossier's tranche released by its reviewers, paid by its finance team (the common tranche process). */
    private void payTranche(String tranche) {
        PaymentTranches.pay(DOSSIER, tranche, REVIEWERS, "finance-cvl");
    }

    private static void runAllJobs() {
        PaymentTranches.runAllJobs();
    }

    /** « Les candidats non retenus recevront une notification de la décision » — also those the last sitting could not see. */
    @Test
    void aDossierStillUnderReviewWhenTheLastSittingHasDecidedIsNotSelectedAndNotified() {
        for (var waitingAt : List.of(VERIFIER_RECEVABILITE, ANALYSER_PROJET)) {
            journal.clear();
            var dossier = startBefore(waitingAt);
            runtimeService().createMessageCorrelation("selection-closed").processInstanceBusinessKey(DOSSIER).correlate();
            runAsyncSteps(dossier);
            assertThat(dossier).as(waitingAt).isEnded().hasPassed("Activity_ClasserNonPresente", "Activity_NotifierSelectionClose");
            assertThat(journal).as(waitingAt).endsWith("setDossierStatus:NOT_SELECTED", "sendMail:selection-close");
        }
    }

    /** A detour, started where it begins, with what the intake would have set. */
    private ProcessInstance startBefore(String activityId) {
        return runtimeService().createProcessInstanceByKey(CvlNumeriqueDossier.PROCESS_ID)
                .businessKey(DOSSIER)
                .setVariables(dossierVariables())
                .startBeforeActivity(activityId)
                .execute();
    }

    /** The thirteen marks, the eligible cost, the choice of asking the professional structures, an opinion. */
    private static Map<String, Object> analysis(boolean urpsOpinionRequested) {
        var variables = new HashMap<String, Object>();
        for (var mark : CvlNumeriqueDossier.MARKS) {
            variables.put(mark, 4);
        }
        variables.put(Facts.ELIGIBLE_COST, ELIGIBLE_COST);
        variables.put(URPS_OPINION_REQUESTED, urpsOpinionRequested);
        variables.put(INSTRUCTION_COMMENT, "Stratégie claire, gouvernance partagée entre deux CPTS.");
        return variables;
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
        for (int i = 0; i < 30; i++) {
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

    private static String deployedForm(Task task) {
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
