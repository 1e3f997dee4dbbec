package fr.instruire.models.facilisoins;

import static fr.instruire.models.facilisoins.FacilisoinsCampaign.Elements.*;
import static fr.instruire.models.facilisoins.FacilisoinsCampaign.Variables.*;
import static fr.instruire.models.DecidedDossierGroups.groups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.instruire.models.facilisoins.FacilisoinsCampaign.Delegates;
import fr.instruire.models.facilisoins.FacilisoinsDossier.Messages;

/**
 * The Facilisoins campaign's calendar (session 2022), dates as variables in Europe/Paris and the clock driven by the
 * test: publication, dépôt until 21 February, the national team's proposal, the CTIS, decisions, arrêté, launch.
 */
@Deployment(resources = { FacilisoinsCampaign.BPMN, FacilisoinsCampaign.FORM_PROPOSITION_SELECTION,
        FacilisoinsCampaign.FORM_AVIS_CTIS, FacilisoinsCampaign.FORM_ARRETE })
class FacilisoinsCampaignProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String CAMPAIGN = "facilisoins-2022";
    private static final String NATIONAL_TEAM = "equipe-nationale-art51";
    private static final String CTIS = "ctis";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Date CREATED_AT = startOf(LocalDate.of(2021, 12, 1));
    private static final Date DEPOT_OPENS_ON = startOf(LocalDate.of(2021, 12, 15));
    /** Exclusive: the end of 21 February 2022. */
    private static final Date DEPOT_CLOSES_ON = startOf(LocalDate.of(2022, 2, 22));
    private static final Date SELECTION_OPENS_ON = startOf(LocalDate.of(2022, 3, 21));
    private static final Date CTIS_OPENS_ON = startOf(LocalDate.of(2022, 3, 31));
    private static final Date RESULTS_DUE_ON = startOf(LocalDate.of(2022, 4, 15));

    private final List<String> journal = new ArrayList<>();
    /** Dossiers notifyCommitteeDecision cannot reach for now. */
    private final Set<String> unreachable = new HashSet<>();

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(CREATED_AT);
        Mocks.register(Delegates.PREPARE_SELECTION_AGENDA, (TaskListener) task -> {
            journal.add("prepareSelectionAgenda");
            task.setVariable(SELECTION_PROPOSAL, List.of(
                    Map.of("dossierNumber", "FACI-2022-0007", "proposal", "RETENU"),
                    Map.of("dossierNumber", "FACI-2022-0011", "proposal", "NON_RETENU")));
        });
        Mocks.register(Delegates.CHECK_SELECTION_PROPOSAL, (TaskListener) task -> { });
        Mocks.register(Delegates.CLOSE_PENDING_DOSSIERS, (JavaDelegate) execution ->
                journal.add("closePendingDossiers:" + execution.getVariableLocal("closingMessage")));
        Mocks.register(Delegates.RECORD_CTIS_OPINIONS, (TaskListener) task -> {
            journal.add("recordCtisOpinions:" + ((List<?>) task.getVariable(SELECTION_PROPOSAL)).size());
            task.setVariable(COMMITTEE_DECISIONS, List.of(Map.of("dossierNumber", "FACI-2022-0007", "decision", "RETENU")));
        });
        Mocks.register(Delegates.CHECK_COMMITTEE_DECISIONS, (JavaDelegate) execution -> {
            journal.add("checkCommitteeDecisions");
            execution.setVariable(DECIDED_DOSSIER_GROUPS, groups(List.of("FACI-2022-0007")));
        });
        Mocks.register(Delegates.NOTIFY_COMMITTEE_DECISION, (JavaDelegate) execution -> {
            var dossier = (String) execution.getVariable(DOSSIER_NUMBER);
            if (unreachable.contains(dossier)) {
                throw new IllegalStateException("aucune instance du dossier " + dossier + " n'attend la décision");
            }
            journal.add("notifyCommitteeDecision:" + dossier + ":" + execution.getVariable(DECISION_MESSAGE));
        });
        Mocks.register(Delegates.RECORD_ARRETE, (TaskListener) task -> journal.add(
                "recordArrete:" + task.getVariable(ARRETE_REFERENCE) + ":" + task.getVariable(ARRETE_DATE)));
        Mocks.register(Delegates.PRODUCE_ARRETE_ANNEX, (JavaDelegate) execution -> journal.add("produceArreteAnnex"));
        Mocks.register(Delegates.SEND_MESSAGE_TO_SELECTED, (JavaDelegate) execution -> journal.add(
                "sendMessageToSelected:" + execution.getVariableLocal(MESSAGE_NAME)));
    }

    @AfterEach
    void resetDelegatesAndClock() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void campaignGoesFromPublicationThroughProposalCtisAndArreteToTheLaunchOfTheSelected() {
        var campaign = runtimeService().startProcessInstanceByKey(FacilisoinsCampaign.PROCESS_ID, CAMPAIGN, campaignVariables());
        assertThat(campaign).isWaitingAt(DEPOT_OUVERT);
        assertThat(timer(campaign, DEPOT_OUVERT).getDuedate()).isEqualTo(DEPOT_OPENS_ON);

        passTime(campaign, DEPOT_OUVERT, DEPOT_OPENS_ON);
        assertThat(timer(campaign, DEPOT_CLOS).getDuedate()).isEqualTo(DEPOT_CLOSES_ON);
        passTime(campaign, DEPOT_CLOS, DEPOT_CLOSES_ON);
        assertThat(campaign).isWaitingAt(SELECTION_OUVERTE);
        passTime(campaign, SELECTION_OUVERTE, SELECTION_OPENS_ON);

        assertThat(campaign).isWaitingAt(PROPOSER_SELECTION);
        assertThat(task()).hasCandidateGroup(NATIONAL_TEAM).hasDueDate(CTIS_OPENS_ON);
        assertThat(formKey()).isEqualTo("facilisoins-proposition-selection");
        complete(task());
        runAsyncSteps(campaign);

        assertThat(campaign).isWaitingAt(RECUEILLIR_AVIS_CTIS);
        assertThat(task()).hasCandidateGroup(CTIS).hasDueDate(RESULTS_DUE_ON);
        assertThat(formKey()).isEqualTo("facilisoins-avis-ctis");
        complete(task(), withVariables(SELECTION_PROPOSAL, List.of(
                Map.of("dossierNumber", "FACI-2022-0007", "proposal", "RETENU", "ctisOpinion", "FAVORABLE"),
                Map.of("dossierNumber", "FACI-2022-0011", "proposal", "NON_RETENU", "ctisOpinion", "FAVORABLE"))));
        runAsyncSteps(campaign);

        assertThat(campaign).isWaitingAt(PRENDRE_ARRETE);
        assertThat(task()).hasCandidateGroup(NATIONAL_TEAM).hasCandidateGroup("dgcs");
        complete(task(), withVariables(ARRETE_DATE, "2022-04-25", ARRETE_REFERENCE, "SSAS2212345A"));
        runAsyncSteps(campaign);

        assertThat(campaign).isEnded().hasPassedInOrder(CAMPAGNE_CREEE, DEPOT_OUVERT, DEPOT_CLOS, SELECTION_OUVERTE,
                PROPOSER_SELECTION, RECUEILLIR_AVIS_CTIS, VERIFIER_DECISIONS, TRANSMETTRE_DECISIONS, PRENDRE_ARRETE, PRODUIRE_ANNEXE_ARRETE,
                LANCER_EXPERIMENTATIONS, CAMPAGNE_CLOSE);
        assertThat(journal).containsExactly(
                "prepareSelectionAgenda",
                "recordCtisOpinions:2",
                "checkCommitteeDecisions",
                "notifyCommitteeDecision:FACI-2022-0007:" + Messages.COMMITTEE_DECISION,
                // the dossiers the CTIS could not see (still in review) are then closed by their own models
                "closePendingDossiers:selection-closed",
                "recordArrete:SSAS2212345A:2022-04-25",
                "produceArreteAnnex",
                "sendMessageToSelected:" + Messages.ARRETE_PUBLISHED);
    }

    @Test
    void aDossierThatCannotBeReachedIsRetriedAloneAndHoldsTheArreteUntilItIs() {
        Mocks.register(Delegates.CHECK_COMMITTEE_DECISIONS, (JavaDelegate) execution -> execution.setVariable(DECIDED_DOSSIER_GROUPS,
                groups(List.of("FACI-2022-0007"), List.of("FACI-2022-0011"))));
        unreachable.add("FACI-2022-0011");
        var campaign = runtimeService().createProcessInstanceByKey(FacilisoinsCampaign.PROCESS_ID).businessKey(CAMPAIGN)
                .setVariables(campaignVariables()).startBeforeActivity(VERIFIER_DECISIONS).execute();
        execute(job(VERIFIER_DECISIONS, campaign));
        execute(job(TRANSMETTRE_DECISIONS_BODY, campaign));

        var transmissions = managementService().createJobQuery().processInstanceId(campaign.getId())
                .activityId(TRANSMETTRE_DECISION).list();
        assertThat(transmissions).hasSize(2);
        for (var transmission : transmissions) {
            try {
                managementService().executeJob(transmission.getId());
            } catch (IllegalStateException unreachableDossier) {
                // the job executor retries this one alone
            }
        }
        runAsyncSteps(campaign, unreachable);
        assertThat(journal).containsExactly("notifyCommitteeDecision:FACI-2022-0007:" + Messages.COMMITTEE_DECISION);
        var failing = managementService().createJobQuery().processInstanceId(campaign.getId()).activityId(TRANSMETTRE_DECISION)
                .singleResult();
        assertThat(failing.getRetries()).isEqualTo(4);
        assertThat(failing.getExceptionMessage()).contains("FACI-2022-0011");
        assertThat(campaign).isWaitingAt(TRANSMETTRE_DECISION).isNotWaitingAt(PRENDRE_ARRETE);

        unreachable.clear();
        runAsyncSteps(campaign);
        assertThat(campaign).isWaitingAt(PRENDRE_ARRETE);
        assertThat(journal).containsExactly("notifyCommitteeDecision:FACI-2022-0007:" + Messages.COMMITTEE_DECISION,
                "notifyCommitteeDecision:FACI-2022-0011:" + Messages.COMMITTEE_DECISION, "closePendingDossiers:selection-closed");
    }

    @Test
    void failingAnnexIsRetriedWithoutUndoingTheArrete() {
        Mocks.register(Delegates.PRODUCE_ARRETE_ANNEX, (JavaDelegate) execution -> {
            throw new IllegalStateException("disque plein");
        });
        var campaign = runtimeService().createProcessInstanceByKey(FacilisoinsCampaign.PROCESS_ID).businessKey(CAMPAIGN)
                .setVariables(campaignVariables()).startBeforeActivity(PRENDRE_ARRETE).execute();
        assertThat(campaign).isWaitingAt(PRENDRE_ARRETE);
        complete(task(), withVariables(ARRETE_DATE, "2022-04-25", ARRETE_REFERENCE, "SSAS2212345A"));
        execute(job());
        var annex = managementService().createJobQuery().activityId(PRODUIRE_ANNEXE_ARRETE).singleResult();
        try {
            managementService().executeJob(annex.getId());
        } catch (IllegalStateException expected) {
            // retried by the job executor
        }
        assertThat(managementService().createJobQuery().activityId(PRODUIRE_ANNEXE_ARRETE).singleResult().getRetries()).isEqualTo(4);
        assertThat(journal).containsExactly("recordArrete:SSAS2212345A:2022-04-25");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, Object> campaignVariables() {
        return withVariables(
                CAMPAIGN_KEY, CAMPAIGN,
                SUBMISSION_OPENS_AT, DEPOT_OPENS_ON,
                SUBMISSION_CLOSES_AT, DEPOT_CLOSES_ON,
                SELECTION_OPENS_AT, SELECTION_OPENS_ON,
                CTIS_OPENS_AT, CTIS_OPENS_ON,
                RESULTS_BY, RESULTS_DUE_ON,
                NATIONAL_TEAM_GROUP, NATIONAL_TEAM,
                DGCS_GROUP, "dgcs",
                CTIS_GROUP, CTIS);
    }

    private static void passTime(ProcessInstance campaign, String timerEvent, Date to) {
        ClockUtil.setCurrentTime(to);
        execute(timer(campaign, timerEvent));
    }

    private static Job timer(ProcessInstance campaign, String timerEvent) {
        return managementService().createJobQuery().processInstanceId(campaign.getId()).timers().activityId(timerEvent)
                .singleResult();
    }

    private static void runAsyncSteps(ProcessInstance campaign) {
        runAsyncSteps(campaign, new HashSet<>());
    }

    /** Runs the campaign's asynchronous steps, as the job executor would, except the jobs failing for now. */
    private static void runAsyncSteps(ProcessInstance campaign, Set<String> failingDossiers) {
        for (int i = 0; i < 10; i++) {
            var jobs = managementService().createJobQuery().processInstanceId(campaign.getId()).messages().list().stream()
                    .filter(job -> !failingDossiers.contains(runtimeService().getVariableLocal(job.getExecutionId(), DOSSIER_NUMBER)))
                    .toList();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the campaign keeps creating asynchronous jobs");
    }

    private static String formKey() {
        return formService().getTaskFormData(task().getId()).getCamundaFormRef().getKey();
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(PARIS).toInstant());
    }
}
