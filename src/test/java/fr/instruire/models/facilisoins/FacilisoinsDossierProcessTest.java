package fr.instruire.models.facilisoins;

import static fr.instruire.models.facilisoins.FacilisoinsDossier.Elements.*;
import static fr.instruire.models.facilisoins.FacilisoinsDossier.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

import fr.instruire.models.facilisoins.FacilisoinsDossier.Criteria;
import fr.instruire.models.facilisoins.FacilisoinsDossier.Delegates;
import fr.instruire.models.facilisoins.FacilisoinsDossier.Facts;
import fr.instruire.models.facilisoins.FacilisoinsDossier.MailTemplates;
import fr.instruire.models.facilisoins.FacilisoinsDossier.Marks;
import fr.instruire.models.facilisoins.FacilisoinsDossier.Messages;
import fr.instruire.models.facilisoins.FacilisoinsDossier.Recevabilite;
import fr.instruire.models.PaymentTranches;

/**
 * The Facilisoins dossier's timeline on an in-memory engine, with the real decision tables and the delegates
 * replaced by recorders: the mail-received dossier whole, then each detour started where it begins.
 */
@Deployment(resources = {
        FacilisoinsDossier.BPMN,
        FacilisoinsDossier.ADMISSIBILITY_DMN,
        FacilisoinsDossier.FUNDING_DMN,
        FacilisoinsDossier.SELECTION_DMN,
        FacilisoinsDossier.FORM_ENREGISTREMENT,
        FacilisoinsDossier.FORM_RECEVABILITE,
        FacilisoinsDossier.FORM_AVIS,
        FacilisoinsDossier.FORM_SELECTION,
        FacilisoinsDossier.FORM_CONTRACTUALISATION,
        FacilisoinsDossier.FORM_PLAN_ACTIONS,
        FacilisoinsDossier.FORM_ECART,
        FacilisoinsDossier.FORM_DONNEES_EVALUATION,
        FacilisoinsDossier.FORM_VALIDATION_DGCS,
        FacilisoinsDossier.PAYMENT_TRANCHE_BPMN,
        FacilisoinsDossier.FORM_LIBERATION,
        FacilisoinsDossier.FORM_MISE_EN_PAIEMENT })
class FacilisoinsDossierProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String DOSSIER = "FACI-2022-0007";
    private static final String CAMPAIGN = "facilisoins-2022";
    private static final String NATIONAL_TEAM = "equipe-nationale-art51";
    private static final String DGCS = "dgcs";
    private static final String ARS = "ars-occitanie";
    private static final String CPAM = "cpam-occitanie";
    private static final String FINANCE = "facilisoins-finance";
    /** The grant the funding table gives the dossier (the platform's ledger holds it once the credits are open). */
    private static final long GRANT = 50_000L;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime RECEIVED_AT = ZonedDateTime.of(2022, 2, 14, 10, 0, 0, 0, PARIS);
    /** The tranches the ledger would hold, in order. */
    private final List<Long> scheduled = new ArrayList<>();
    private static final ZonedDateTime LAUNCHED_AT = ZonedDateTime.of(2022, 4, 28, 9, 0, 0, 0, PARIS);

    /** What the delegates were called with, in order: {@code bean:argument}. */
    private final List<String> journal = new ArrayList<>();
    /** The dossier's facts as loadDossierFacts would read them. */
    private final Map<String, Object> facts = new HashMap<>(Map.of(Facts.REQUESTED_AMOUNT, 62_000));

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(RECEIVED_AT.toInstant()));
        Mocks.register(Delegates.EXPIRE_COMPLEMENTS, (JavaDelegate) execution -> journal.add("expireComplements"));
        Mocks.register(Delegates.SEND_MAIL, (JavaDelegate) execution -> journal.add("sendMail:"
                + execution.getVariableLocal(TEMPLATE)
                + (execution.hasVariableLocal(TO) ? ":" + execution.getVariableLocal(TO) : "")));
        Mocks.register(Delegates.PREPARE_TASK_VIEW, (TaskListener) task -> { });
        Mocks.register(Delegates.RECORD_FORM_FACTS,
                (TaskListener) task -> journal.add("recordFormFacts:" + task.getTaskDefinitionKey()));
        Mocks.register(Delegates.RECORD_ADMISSIBILITY_REVIEW, (TaskListener) task -> journal.add(
                "recordAdmissibilityReview:" + task.getVariable(RECEVABILITE_DECISION)));
        Mocks.register(Delegates.REQUEST_COMPLEMENTS, (JavaDelegate) execution -> journal.add(
                "requestComplements:" + execution.getVariable(COMPLEMENTS_REQUEST)));
        Mocks.register(Delegates.SET_DOSSIER_STATUS, (JavaDelegate) execution -> journal.add("setDossierStatus:"
                + execution.getVariableLocal(STATUS) + ":" + execution.getVariableLocal(REASON)));
        Mocks.register(Delegates.ASSIGN_REGIONAL_PARTNERS, (ExecutionListener) execution -> {
            journal.add("assignRegionalPartners");
            execution.setVariable(ARS_GROUP, ARS);
            execution.setVariable(CPAM_GROUP, CPAM);
            execution.setVariable(OPINION_DUE_DATE, Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(15 * 86400)));
        });
        Mocks.register(Delegates.REQUIRE_REASON, (TaskListener) task -> { });
        // the real rule: it reads only the engine's history
        Mocks.register(Delegates.REQUIRE_ANOTHER_PERSON, new fr.instruire.instruction.RequireAnotherPersonListener());
        Mocks.register(Delegates.OPEN_FUNDING, (JavaDelegate) execution -> {
            journal.add("openFunding");
            scheduled.clear();
        });
        Mocks.register(Delegates.SCHEDULE_TRANCHE, (JavaDelegate) execution -> {
            // as the ledger does: a share of the grant, or what it still holds
            long amount = execution.getVariable("tranchePercent") != null
                    ? GRANT * Integer.parseInt(execution.getVariable("tranchePercent").toString()) / 100
                    : GRANT - scheduled.stream().mapToLong(Long::longValue).sum();
            scheduled.add(amount);
            execution.setVariable("trancheAmount", amount);
            journal.add("scheduleTranche:" + execution.getVariable("tranche") + ":" + amount);
        });
        Mocks.register(Delegates.RELEASE_TRANCHE, (TaskListener) task -> journal.add("releaseTranche:" + task.getVariable("tranche")));
        Mocks.register(Delegates.RECORD_PAYMENT, (TaskListener) task -> journal.add("recordPayment:" + task.getVariable("tranche")));
        Mocks.register(Delegates.RECORD_MISSING_OPINION, (JavaDelegate) execution ->
                journal.add("recordMissingOpinion:" + execution.getVariableLocal("opinionOf")));
        Mocks.register(Delegates.RECORD_OPINION, (TaskListener) task -> journal.add("recordOpinion:"
                + task.getVariable(OPINION_OF) + ":" + task.getVariable(OPINION)));
        Mocks.register(Delegates.LOAD_DOSSIER_FACTS, (ExecutionListener) execution -> facts.forEach(
                (name, value) -> execution.setVariable(name, Variables.integerValue((Integer) value, true))));
        Mocks.register(Delegates.RECORD_INSTRUCTION, (JavaDelegate) execution -> journal.add("recordInstruction:"
                + execution.getVariable(SCORE) + "/" + execution.getVariable(MAX_SCORE) + ":" + execution.getVariable(GRANT_AMOUNT)));
    }

    @AfterEach
    void resetDelegatesAndClock() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void mailDossierIsRegisteredAssessedGivenOpinionsScoredSelectedAndLaunchedAfterTheArrete() {
        var dossier = runtimeService().startProcessInstanceByKey(FacilisoinsDossier.PROCESS_ID, DOSSIER, dossierVariables("MAIL", false));
        assertThat(dossier).isWaitingAt(ENVOYER_ACCUSE_RECEPTION);
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(ENREGISTRER_CANDIDATURE);
        assertThat(task()).hasCandidateGroup(NATIONAL_TEAM);
        assertThat(formKey(task())).isEqualTo("facilisoins-enregistrement");
        assertThat(taskService().getVariable(task().getId(), FACTS).toString()).contains("raisonSociale", "region",
                "publicAccueilli", "partProduitsSanteN3", "requestedAmount");
        complete(task(), withVariables("raisonSociale", "MAS Les Tilleuls", "region", "Occitanie"));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        assertThat(task()).hasCandidateGroup(NATIONAL_TEAM);
        assess(dossier, allCriteriaMet(Recevabilite.RECEVABLE));

        assertThat(dossier).isWaitingAt(AVIS_ARS, AVIS_CPAM);
        assertThat(admissibilityReasons(dossier)).isEmpty();
        assertThat(task(AVIS_ARS, dossier)).hasCandidateGroup(ARS).hasDueDate(days(15));
        assertThat(task(AVIS_CPAM, dossier)).hasCandidateGroup(CPAM).hasDueDate(days(15));
        complete(task(AVIS_ARS, dossier), withVariables(OPINION, "FAVORABLE", OPINION_TEXT, "Projet inscrit dans le PRS."));
        complete(task(AVIS_CPAM, dossier), withVariables(OPINION, "RESERVE", OPINION_TEXT, "Forfait à préciser."));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(NOTER_DOSSIER);
        // each opinion stays its own: the parallel tasks do not overwrite each other
        assertThat(runtimeService().getVariables(dossier.getId())).containsEntry(ARS_OPINION, "FAVORABLE")
                .containsEntry(CPAM_OPINION, "RESERVE").doesNotContainKeys(OPINION, OPINION_TEXT);
        assertThat(formKey(task())).isEqualTo("facilisoins-selection");
        complete(task(), marks(4));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(DECISION_RECUE);
        // ten marks of 4 and the opinions' 3 (one favourable, one reserved), each weighing 1: 43 of 55; 50 000 € at most
        assertThat(runtimeService().getVariables(dossier.getId())).containsEntry(SCORE, 43).containsEntry(MAX_SCORE, 55)
                .doesNotContainKey("selection");

        correlate(Messages.COMMITTEE_DECISION, SELECTED, true, COMMITTEE_REASON, "Proposé et validé par le CTIS");
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ARRETE_PUBLIE);

        ClockUtil.setCurrentTime(Date.from(LAUNCHED_AT.toInstant()));
        correlate(Messages.ARRETE_PUBLISHED, ARRETE_REFERENCE, "SSAS2212345A", ARRETE_DATE, "2022-04-25");
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(CONTRACTUALISER, DUREE_EXPERIMENTATION_ECOULEE);
        // the tripartite contract: the establishment, the ARS and the CPAM that negotiate it
        assertThat(task(CONTRACTUALISER, dossier)).hasCandidateGroup(ARS).hasCandidateGroup(CPAM).hasCandidateGroup(NATIONAL_TEAM);
        complete(task(CONTRACTUALISER, dossier), withVariables("forfaitSante", 420_000));
        runAsyncSteps(dossier);
        // its signature opens the grant: half of the credits, released by the national team, paid by finance
        assertThat(dossier).isWaitingAt(VERSER_CREDITS_AMORCAGE, DUREE_EXPERIMENTATION_ECOULEE);
        payTranche("contractualisation");
        runAsyncSteps(dossier);
        assertThat(taskService().getVariable(task(PLAN_ACTIONS, dossier).getId(), PLAN_ACTIONS_STEP)).isEqualTo("INITIAL");
        complete(task(PLAN_ACTIONS, dossier));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(DUREE_EXPERIMENTATION_ECOULEE).hasPassed(PLAN_ACTIONS_ENREGISTRE);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.ACCUSE_RECEPTION,
                "recordFormFacts:" + ENREGISTRER_CANDIDATURE,
                "recordFormFacts:" + VERIFIER_RECEVABILITE,
                "recordAdmissibilityReview:" + Recevabilite.RECEVABLE,
                "recordFormFacts:" + VALIDER_RECEVABILITE_DGCS,
                "assignRegionalPartners",
                "recordOpinion:ARS:FAVORABLE",
                "recordOpinion:CPAM:RESERVE",
                "recordInstruction:43/55:50000",
                "sendMail:" + MailTemplates.DECISION,
                "setDossierStatus:EXPERIMENTATION:Arrêté SSAS2212345A du 2022-04-25",
                "recordFormFacts:" + CONTRACTUALISER,
                "openFunding",
                "scheduleTranche:contractualisation:25000",
                "releaseTranche:contractualisation",
                "recordPayment:contractualisation",
                "sendMail:versement-tranche",
                "recordFormFacts:" + PLAN_ACTIONS);
    }

    @Test
    void lateMailIsRegisteredThenInadmissibleWhateverTheTeamTicks() {
        var dossier = runtimeService().startProcessInstanceByKey(FacilisoinsDossier.PROCESS_ID, DOSSIER, dossierVariables("MAIL", true));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ENREGISTRER_CANDIDATURE);
        complete(task());
        runAsyncSteps(dossier);

        assess(dossier, allCriteriaMet(Recevabilite.RECEVABLE));

        assertThat(dossier).isEnded().hasPassedInOrder(EVALUER_RECEVABILITE, DECLARER_IRRECEVABLE, NOTIFIER_IRRECEVABILITE,
                DOSSIER_IRRECEVABLE).hasNotPassed(AVIS_ARS);
        assertThat(admissibilityReasons(dossier)).singleElement().asString().startsWith("Respect du délai de transmission");
        assertThat(journal).last().isEqualTo("sendMail:" + MailTemplates.RECEVABILITE);
        assertThat(journal).anySatisfy(call -> assertThat(call).startsWith("setDossierStatus:INADMISSIBLE:[Respect du délai"));
    }

    @Test
    void apiDossierGoesStraightToRecevabiliteAndAnUncheckedCriterionMakesItInadmissible() {
        var dossier = runtimeService().startProcessInstanceByKey(FacilisoinsDossier.PROCESS_ID, DOSSIER, dossierVariables("API", false));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE).hasNotPassed(ENREGISTRER_CANDIDATURE);

        var answers = allCriteriaMet(Recevabilite.RECEVABLE);
        answers.put(Criteria.HEALTH_PRODUCT_SHARE_METHODOLOGY, false);
        assess(dossier, answers);

        assertThat(dossier).isEnded().hasPassed(DECLARER_IRRECEVABLE, DOSSIER_IRRECEVABLE);
        assertThat(admissibilityReasons(dossier)).singleElement().asString().contains("produits de santé");
    }

    /** « L'équipe-nationale 51 appréciera, de manière conjointe avec la DGCS, la recevabilité des candidatures ». */
    @Test
    void theDgcsSendsBackAnAssessmentItDoesNotShareAndNothingReachesTheApplicant() {
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        complete(task(), allCriteriaMet(Recevabilite.RECEVABLE));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VALIDER_RECEVABILITE_DGCS);
        assertThat(task()).hasCandidateGroup(DGCS);
        try (var form = formService().getDeployedTaskForm(task().getId())) {
            assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"id\": \"facilisoins-validation-dgcs\"");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        complete(task(), withVariables("dgcsDisagrees", true, "dgcsComment", "La méthodologie des produits de santé reste à préciser."));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE).hasNotPassed(AVIS_ARS, NOTIFIER_IRRECEVABILITE);
        assertThat(journal).noneMatch(call -> call.startsWith("sendMail"));
        assess(dossier, allCriteriaMet(Recevabilite.RECEVABLE));
        assertThat(dossier).isWaitingAt(AVIS_ARS, AVIS_CPAM);
    }

    /** « De manière conjointe »: a member of both the national team and the DGCS cannot validate their own assessment. */
    @Test
    void aMemberOfBothTeamsCannotValidateTheRecevabiliteTheyAssessed() {
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        identityService().setAuthentication("double.casquette", List.of(NATIONAL_TEAM, DGCS));
        try {
            complete(task(), allCriteriaMet(Recevabilite.RECEVABLE));
            runAsyncSteps(dossier);
            assertThat(dossier).isWaitingAt(VALIDER_RECEVABILITE_DGCS);
            var validation = task();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(validation, withVariables("dgcsDisagrees", false)))
                    .hasRootCauseInstanceOf(fr.instruire.system.TaskRefusal.class)
                    .hasMessageContaining("une autre personne doit la valider");
            assertThat(dossier).isWaitingAt(VALIDER_RECEVABILITE_DGCS);
        } finally {
            identityService().clearAuthentication();
        }
        identityService().setAuthentication("agent.dgcs", List.of(DGCS));
        try {
            complete(task(), withVariables("dgcsDisagrees", false));
        } finally {
            identityService().clearAuthentication();
        }
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(AVIS_ARS, AVIS_CPAM);
        assertThat(historyService().createHistoricTaskInstanceQuery().taskDefinitionKey(VALIDER_RECEVABILITE_DGCS)
                .finished().singleResult().getAssignee()).isEqualTo("agent.dgcs");
    }

    /** « Les candidats non retenus recevront une notification de la décision » — also those the CTIS could not see. */
    @Test
    void aDossierStillInReviewOrAwaitingOpinionsWhenTheSelectionClosesIsNotSelectedAndNotified() {
        for (var waitingAt : List.of(VERIFIER_RECEVABILITE, AVIS_REGIONAUX)) {
            journal.clear();
            var dossier = startBefore(waitingAt);
            correlate(Messages.SELECTION_CLOSED);
            runAsyncSteps(dossier);
            assertThat(dossier).as(waitingAt).isEnded().hasPassed("Activity_ClasserNonPresente", "Activity_NotifierSelectionClose");
            assertThat(journal).as(waitingAt).endsWith(
                    "setDossierStatus:NOT_SELECTED:Sélection close : le dossier n'a pas pu être proposé au CTIS, son examen "
                            + "n'étant pas achevé",
                    "sendMail:selection-close");
        }
    }

    @Test
    void teamDeclaringTheDossierInadmissibleNotifiesItWithTheirReason() {
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        var answers = allCriteriaMet(Recevabilite.IRRECEVABLE);
        answers.put(RECEVABILITE_COMMENT, "Établissement hors champ de l'expérimentation.");
        assess(dossier, answers);

        assertThat(dossier).isEnded().hasPassed(DECLARER_IRRECEVABLE, NOTIFIER_IRRECEVABILITE);
        assertThat(journal).contains("setDossierStatus:INADMISSIBLE:Établissement hors champ de l'expérimentation.");
    }

    @Test
    void requestedComplementsOnceReceivedBringTheTeamBackToABlankAssessment() {
        var dossier = startBefore(VERIFIER_RECEVABILITE);
        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE);
        var answers = allCriteriaMet(Recevabilite.COMPLEMENTS);
        answers.put(COMPLEMENTS_REQUEST, "Méthodologie d'identification de la part des produits de santé");
        assess(dossier, answers);
        assertThat(dossier).isWaitingAt(ATTENTE_COMPLEMENTS);
        assertThat(timer(dossier, DELAI_COMPLEMENTS_ECOULE).getDuedate()).isEqualTo(days(15));

        correlate(Messages.COMPLEMENTS_RECEIVED);
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE).hasPassed(COMPLEMENTS_RECUS).hasNotPassed(DELAI_COMPLEMENTS_ECOULE);
        assertThat(runtimeService().getVariables(dossier.getId())).containsEntry(RECEVABILITE_DECISION, null)
                .containsEntry(COMPLEMENTS_REQUEST, null);
        assertThat(journal).containsSubsequence(
                "requestComplements:Méthodologie d'identification de la part des produits de santé",
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS);
    }

    /**
     * « Passé ce délai, la recevabilité de votre candidature sera appréciée au vu des seules pièces en notre
     * possession » : the team assesses the dossier as it stands; silence alone does not make it inadmissible.
     */
    @Test
    void complementsNotReceivedInTimeBringTheDossierBackToTheTeam() {
        var dossier = startBefore(ENVOYER_DEMANDE_COMPLEMENTS);
        runAsyncSteps(dossier);
        passTime(dossier, DELAI_COMPLEMENTS_ECOULE, days(15));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(VERIFIER_RECEVABILITE)
                .hasPassedInOrder(DELAI_COMPLEMENTS_ECOULE, REPRENDRE_SANS_COMPLEMENTS)
                .hasNotPassed(NOTIFIER_IRRECEVABILITE, DOSSIER_IRRECEVABLE);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS,
                "expireComplements");
    }

    /** An opinion never given no longer blocks the dossier: at its due date it is « non rendu » and the dossier goes on. */
    @Test
    void anOpinionNotGivenByItsDueDateIsRecordedNotGivenAndTheDossierGoesOn() {
        var dossier = startBefore(AVIS_REGIONAUX);
        complete(task(AVIS_ARS, dossier), withVariables(OPINION, "FAVORABLE", OPINION_TEXT, "Projet inscrit dans le PRS."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(AVIS_CPAM);
        var due = timer(dossier, ECHEANCE_AVIS_CPAM);
        assertThat(due.getDuedate()).isEqualTo(days(15));

        passTime(dossier, ECHEANCE_AVIS_CPAM, days(15));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(NOTER_DOSSIER).hasPassed(CONSTATER_AVIS_CPAM_NON_RENDU)
                .variables().containsEntry("cpamOpinion", "NON_RENDU").containsEntry("arsOpinion", "FAVORABLE");
        assertThat(journal).contains("recordMissingOpinion:CPAM");
        assertThat(taskService().createTaskQuery().processInstanceId(dossier.getId()).taskDefinitionKey(AVIS_CPAM).count()).isZero();
    }

    @Test
    void lateOpinionsAreRemindedToEachGroupWhileBothTasksStayOpen() {
        var dossier = startBefore(AVIS_REGIONAUX);
        assertThat(dossier).isWaitingAt(AVIS_ARS, AVIS_CPAM);
        var reminderArs = timer(dossier, RELANCE_AVIS_ARS);
        assertThat(reminderArs.getDuedate()).isEqualTo(days(10));

        passTime(dossier, RELANCE_AVIS_ARS, days(10));
        execute(timer(dossier, RELANCE_AVIS_CPAM));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(AVIS_ARS, AVIS_CPAM).hasPassed(RELANCER_AVIS_ARS, RELANCER_AVIS_CPAM);
        assertThat(journal).containsExactly("assignRegionalPartners",
                "sendMail:" + MailTemplates.RELANCE_AVIS + ":group:" + ARS,
                "sendMail:" + MailTemplates.RELANCE_AVIS + ":group:" + CPAM);

        complete(task(AVIS_CPAM, dossier), withVariables(OPINION, "DEFAVORABLE", OPINION_TEXT, "Hors territoire prioritaire."));
        complete(task(AVIS_ARS, dossier), withVariables(OPINION, "FAVORABLE", OPINION_TEXT, "Bon projet."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(NOTER_DOSSIER);
        assertThat(managementService().createJobQuery().processInstanceId(dossier.getId()).timers().count()).isZero();
    }

    @Test
    void dossierNotSelectedIsNotifiedAndEnds() {
        var dossier = startBefore(DECISION_RECUE);
        correlate(Messages.COMMITTEE_DECISION, SELECTED, false, COMMITTEE_REASON, "Non proposé");
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(NOTIFIER_DECISION, DOSSIER_RETENU, DOSSIER_NON_RETENU)
                .hasNotPassed(ARRETE_PUBLIE);
        assertThat(journal).containsExactly("sendMail:" + MailTemplates.DECISION);
    }

    @Test
    void ecartSubstantielReachesTheNationalTeamAtOnceWhateverTheExperimentationIsDoing() {
        var dossier = launched();
        assertThat(dossier).isWaitingAt(CONTRACTUALISER);

        correlate(Messages.ECART_SUBSTANTIEL, ECART_SUMMARY, "Départ du médecin coordonnateur");
        correlate(Messages.ECART_SUBSTANTIEL, ECART_SUMMARY, "Report de la convention avec le CPTS");

        var ecarts = taskService().createTaskQuery().processInstanceId(dossier.getId()).taskDefinitionKey(TRAITER_ECART).list();
        assertThat(ecarts).hasSize(2).allSatisfy(task -> assertThat(task).hasCandidateGroup(NATIONAL_TEAM));
        // each task keeps its own report
        assertThat(ecarts).extracting(task -> taskService().getVariable(task.getId(), ECART)).containsExactlyInAnyOrder(
                "Départ du médecin coordonnateur", "Report de la convention avec le CPTS");
        assertThat(dossier).isWaitingAt(CONTRACTUALISER, TRAITER_ECART, DUREE_EXPERIMENTATION_ECOULEE);
    }

    @Test
    void yearlyUpdatesAndDataDeliveriesRecurUntilEighteenMonthsCloseWhatIsStillOpen() {
        var dossier = launched();
        complete(task(CONTRACTUALISER, dossier));
        runAsyncSteps(dossier);
        payTranche("contractualisation");
        runAsyncSteps(dossier);
        complete(task(PLAN_ACTIONS, dossier));
        runAsyncSteps(dossier);

        // every three months a delivery of data to the national evaluation; each year an update of the plan
        for (int month = 3; month <= 15; month += 3) {
            passTime(dossier, LIVRAISON_DONNEES_DUE, LAUNCHED_AT.plusMonths(month));
            if (month == 12) {
                passTime(dossier, MISE_A_JOUR_ANNUELLE_DUE, LAUNCHED_AT.plusMonths(12));
            }
            if (month < 15) {
                complete(tasks(dossier, LIVRER_DONNEES_EVALUATION).get(0));
                runAsyncSteps(dossier);
            }
        }
        assertThat(tasks(dossier, LIVRER_DONNEES_EVALUATION)).hasSize(1);
        var update = tasks(dossier, METTRE_A_JOUR_PLAN_ACTIONS);
        assertThat(update).hasSize(1);
        assertThat(taskService().getVariable(update.get(0).getId(), PLAN_ACTIONS_STEP)).isEqualTo("MISE_A_JOUR");
        correlate(Messages.ECART_SUBSTANTIEL, ECART_SUMMARY, "Fermeture d'une unité");

        passTime(dossier, DUREE_EXPERIMENTATION_ECOULEE, LAUNCHED_AT.plusMonths(18));
        runAsyncSteps(dossier);
        // the end of the 18 months: the balance of the credits
        payTranche("solde");
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(EXPERIMENTATION_CLOSE, TERMINER_EXPERIMENTATION, VERSER_SOLDE,
                EXPERIMENTATION_TERMINEE);
        assertThat(journal).containsSubsequence("scheduleTranche:contractualisation:25000", "scheduleTranche:solde:25000",
                "recordPayment:solde");
        assertThat(taskService().createTaskQuery().processInstanceId(dossier.getId()).count()).isZero();
        assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(dossier.getId())
                .taskDefinitionKey(LIVRER_DONNEES_EVALUATION).count()).isEqualTo(5);
        assertThat(taskService().createTaskQuery().processInstanceBusinessKey(DOSSIER).count()).isZero();
        assertThat(journal).contains("setDossierStatus:EXPERIMENTATION_ENDED:Fin des 18 mois d'expérimentation");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, Object> dossierVariables(String channel, boolean late) {
        return withVariables(
                DOSSIER_NUMBER, DOSSIER,
                CAMPAIGN_KEY, CAMPAIGN,
                REVIEWER_GROUP, NATIONAL_TEAM,
                NATIONAL_TEAM_GROUP, NATIONAL_TEAM,
                DGCS_GROUP, DGCS,
                CHANNEL, channel,
                RECEIVED_LATE, late,
                COMPLEMENTS_DELAY, "P15D",
                OPINION_DELAY, "P15D",
                OPINION_REMINDER, "P10D",
                EXPERIMENTATION_DURATION, "P18M",
                ACTION_PLAN_UPDATE_CYCLE, "R/P1Y",
                DATA_DELIVERY_CYCLE, "R/P3M",
                "financeGroup", FINANCE);
    }

    private static ProcessInstance startBefore(String activityId) {
        return runtimeService().createProcessInstanceByKey(FacilisoinsDossier.PROCESS_ID)
                .businessKey(DOSSIER)
                .setVariables(dossierVariables("MAIL", false))
                .setVariables(withVariables(ARS_GROUP, ARS, CPAM_GROUP, CPAM, ADMISSIBILITY_REASONS, List.of()))
                .startBeforeActivity(activityId)
                .execute();
    }

    /** A selected dossier whose arrêté has just been published. */
    private ProcessInstance launched() {
        ClockUtil.setCurrentTime(Date.from(LAUNCHED_AT.toInstant()));
        var dossier = startBefore(EXPERIMENTATION);
        journal.clear();
        return dossier;
    }

    private static Map<String, Object> allCriteriaMet(String decision) {
        return withVariables(
                Criteria.SUBMITTED_BEFORE_DEADLINE, true,
                Criteria.DOSSIER_COMPLETE, true,
                Criteria.COORDINATOR_IDENTIFIED, true,
                Criteria.OBJECTIVES_ADEQUATE, true,
                Criteria.TERRITORIAL_DYNAMIC, true,
                Criteria.ENGINEERING_COST_ESTIMATED, true,
                Criteria.HEALTH_PRODUCT_SHARE_METHODOLOGY, true,
                RECEVABILITE_DECISION, decision);
    }

    private static Map<String, Object> marks(int mark) {
        var marks = new HashMap<String, Object>();
        for (var name : List.of(Marks.CONSTRUCTION_PROJET, Marks.COMPREHENSION_ENJEUX, Marks.COHERENCE_TERRITOIRE,
                Marks.CARACTERE_INNOVANT, Marks.ACTIONS_BESOINS_SOINS, Marks.ENGAGEMENT, Marks.ESTIMATION_COUTS,
                Marks.CAPACITES_ORGANISATIONNELLES, Marks.PARTENARIATS, Marks.GOUVERNANCE)) {
            marks.put(name, mark);
        }
        return marks;
    }

    private static void correlate(String message, Object... variables) {
        var correlation = runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(DOSSIER)
                .processInstanceVariableEquals(CAMPAIGN_KEY, CAMPAIGN);
        for (int i = 0; i < variables.length; i += 2) {
            correlation.setVariable((String) variables[i], variables[i + 1]);
        }
        correlation.correlateAll();
    }

    private static Date days(int days) {
        return Date.from(RECEIVED_AT.plusDays(days).toInstant());
    }

    private static void passTime(ProcessInstance dossier, String timerEvent, ZonedDateTime to) {
        passTime(dossier, timerEvent, Date.from(to.toInstant()));
    }

    private static void passTime(ProcessInstance dossier, String timerEvent, Date to) {
        ClockUtil.setCurrentTime(to);
        execute(timer(dossier, timerEvent));
    }

    private static Job timer(ProcessInstance dossier, String timerEvent) {
        return managementService().createJobQuery().processInstanceId(dossier.getId()).timers().activityId(timerEvent)
                .singleResult();
    }

    private static List<Task> tasks(ProcessInstance dossier, String taskDefinitionKey) {
        return taskService().createTaskQuery().processInstanceId(dossier.getId()).taskDefinitionKey(taskDefinitionKey).list();
    }

    /** Runs the pending asynchronous continuations one job at a time, as the job executor would; timers are left to the test. */
    private static void runAsyncSteps(ProcessInstance dossier) {
        for (int i = 0; i < 30; i++) {
            List<Job> jobs = managementService().createJobQuery().processInstanceId(dossier.getId()).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the dossier keeps creating asynchronous jobs");
    }

    @SuppressWarnings("unchecked")
    private static List<String> admissibilityReasons(ProcessInstance dossier) {
        return (List<String>) historyService().createHistoricVariableInstanceQuery().processInstanceId(dossier.getId())
                .variableName(ADMISSIBILITY_REASONS).singleResult().getValue();
    }

    private static String formKey(Task task) {
        return formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
    }

    /** The dossier's tranche released by its reviewers, paid by its finance team (the common tranche process). */
    private void payTranche(String tranche) {
        PaymentTranches.pay(DOSSIER, tranche, NATIONAL_TEAM, FINANCE);
    }

    private static void runAllJobs() {
        PaymentTranches.runAllJobs();
    }

    /** The national team assesses, the DGCS validates: the joint admissibility review. */
    private void assess(ProcessInstance dossier, Map<String, Object> answers) {
        complete(task(VERIFIER_RECEVABILITE, dossier), answers);
        runAsyncSteps(dossier);
        complete(task(VALIDER_RECEVABILITE_DGCS, dossier), withVariables("dgcsDisagrees", false));
        runAsyncSteps(dossier);
    }
}
