package fr.instruire.models.esmsnumerique;

import static fr.instruire.models.esmsnumerique.EsmsNumeriqueCampaign.Elements.*;
import static fr.instruire.models.esmsnumerique.EsmsNumeriqueCampaign.Variables.*;
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

import fr.instruire.models.esmsnumerique.EsmsNumeriqueCampaign.Delegates;
import fr.instruire.models.esmsnumerique.EsmsNumeriqueDossier.Messages;

/**
 * The campaign's calendar, with the call's dates (Guadeloupe 2021) as variables and the clock driven by the test:
 * dépôt 03/02–03/05, sélection 03/03–03/06, so the committee sits while dépôt is still open.
 */
@Deployment(resources = { EsmsNumeriqueCampaign.BPMN, EsmsNumeriqueCampaign.FORM_SEANCE_COMITE })
class EsmsNumeriqueCampaignProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String CAMPAIGN = "esms-numerique-2021-guadeloupe";
    private static final String COMMITTEE = "comite-guadeloupe";
    private static final ZoneId GUADELOUPE = ZoneId.of("America/Guadeloupe");
    private static final Date CREATED_AT = startOf(LocalDate.of(2021, 1, 15));
    private static final Date DEPOT_OPENS_ON = startOf(LocalDate.of(2021, 2, 3));
    /** Exclusive: the end of 3 May, the last day of dépôt. */
    private static final Date DEPOT_CLOSES_ON = startOf(LocalDate.of(2021, 5, 4));
    private static final Date SELECTION_OPENS_ON = startOf(LocalDate.of(2021, 3, 3));
    private static final Date SELECTION_CLOSES_ON = startOf(LocalDate.of(2021, 6, 4));

    /** What the delegates were called with, in order. */
    private final List<String> journal = new ArrayList<>();
    /** What checkCommitteeDecisions finds decided (the real one reads the dossiers; see TheInstanceNamesItsCampaignTest). */
    private List<String> decided = List.of("ESMS-2021-0007");
    /** Dossiers notifyCommitteeDecision cannot reach for now. */
    private final Set<String> unreachable = new HashSet<>();

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(CREATED_AT);
        Mocks.register(Delegates.PREPARE_COMMITTEE_SITTING, (TaskListener) task -> {
            journal.add("prepareCommitteeSitting");
            task.setVariable(COMMITTEE_LIST, List.of(Map.of("dossierNumber", "ESMS-2021-0007",
                    "organisation", "Association Les Alizés", "score", 18, "grantAmount", 290000,
                    "regionalShares", "ARS Guadeloupe : 290 000 €")));
        });
        Mocks.register(Delegates.RECORD_COMMITTEE_SITTING,
                (TaskListener) task -> journal.add("recordCommitteeSitting:" + task.getVariable(LAST_SITTING)));
        Mocks.register(Delegates.CHECK_COMMITTEE_DECISIONS, (JavaDelegate) execution -> {
            journal.add("checkCommitteeDecisions");
            execution.setVariable(DECIDED_DOSSIER_GROUPS, groups(decided));
        });
        Mocks.register(Delegates.CLOSE_PENDING_DOSSIERS, (JavaDelegate) execution ->
                journal.add("closePendingDossiers:" + execution.getVariableLocal("closingMessage")));
        Mocks.register(Delegates.NOTIFY_COMMITTEE_DECISION, (JavaDelegate) execution -> {
            var dossier = (String) execution.getVariable(DOSSIER_NUMBER);
            if (unreachable.contains(dossier)) {
                throw new IllegalStateException("aucune instance du dossier " + dossier + " n'attend la décision");
            }
            journal.add("notifyCommitteeDecision:" + dossier + ":" + execution.getVariable(DECISION_MESSAGE));
        });
    }

    @AfterEach
    void resetDelegatesAndClock() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void committeeSitsWhileDepotIsOpenAndCampaignClosesAfterDepotAndTheLastSitting() {
        var campaign = runtimeService().startProcessInstanceByKey(EsmsNumeriqueCampaign.PROCESS_ID, CAMPAIGN,
                campaignVariables());
        assertThat(campaign).isWaitingAt(DEPOT_OUVERT);
        assertThat(timer(campaign, DEPOT_OUVERT).getDuedate()).isEqualTo(DEPOT_OPENS_ON);

        passTime(campaign, DEPOT_OUVERT, DEPOT_OPENS_ON);
        assertThat(campaign).isWaitingAt(DEPOT_CLOS, SELECTION_OUVERTE);
        assertThat(timer(campaign, DEPOT_CLOS).getDuedate()).isEqualTo(DEPOT_CLOSES_ON);
        assertThat(timer(campaign, SELECTION_OUVERTE).getDuedate()).isEqualTo(SELECTION_OPENS_ON);

        // sélection opens on 3 March, two months before dépôt closes
        passTime(campaign, SELECTION_OUVERTE, SELECTION_OPENS_ON);
        assertThat(campaign).isWaitingAt(DEPOT_CLOS, TENIR_SEANCE_COMITE);
        assertThat(task()).hasCandidateGroup(COMMITTEE).hasDueDate(SELECTION_CLOSES_ON);
        assertThat(deployedFormId()).isEqualTo("esms-numerique-seance-comite");

        completeSitting(campaign, false);
        assertThat(campaign).isWaitingAt(DEPOT_CLOS, TENIR_SEANCE_COMITE);
        assertThat(journal).containsExactly(
                "prepareCommitteeSitting", "recordCommitteeSitting:false",
                "checkCommitteeDecisions", NOTIFIED_0007,
                "prepareCommitteeSitting");

        passTime(campaign, DEPOT_CLOS, DEPOT_CLOSES_ON);
        assertThat(campaign).isWaitingAt(FIN_PHASES, TENIR_SEANCE_COMITE);

        completeSitting(campaign, true);
        assertThat(campaign).isEnded().hasPassed(DEPOT_CLOS, DERNIERE_SEANCE, FIN_PHASES, CAMPAGNE_CLOSE);
        assertThat(campaign).hasPassed(VERIFIER_DECISIONS, TRANSMETTRE_DECISIONS);
        assertThat(journal).filteredOn(call -> call.startsWith("notifyCommitteeDecision"))
                .containsExactly(NOTIFIED_0007, NOTIFIED_0007);
        // every dossier still short of a decision is then closed by its own model (only after the last sitting)
        assertThat(journal).containsOnlyOnce("closePendingDossiers:selection-closed").endsWith("closePendingDossiers:selection-closed");
    }

    @Test
    void lastSittingHeldBeforeDepotClosesLeavesTheCampaignOpenUntilDepotCloses() {
        var campaign = startBefore(SELECTION_OUVERTE, DEPOT_CLOS);
        passTime(campaign, SELECTION_OUVERTE, SELECTION_OPENS_ON);

        completeSitting(campaign, true);
        assertThat(campaign).isNotEnded().isWaitingAt(DEPOT_CLOS);

        passTime(campaign, DEPOT_CLOS, DEPOT_CLOSES_ON);
        assertThat(campaign).isEnded().hasPassed(CAMPAGNE_CLOSE);
        assertThat(journal).containsOnlyOnce(NOTIFIED_0007);
    }

    @Test
    void eachDecisionReachesItsDossierInItsOwnJobAndOneThatFailsIsRetriedAlone() {
        decided = List.of("ESMS-2021-0007", "ESMS-2021-0012", "ESMS-2021-0015");
        unreachable.add("ESMS-2021-0012");
        var campaign = runtimeService().createProcessInstanceByKey(EsmsNumeriqueCampaign.PROCESS_ID).businessKey(CAMPAIGN)
                .setVariables(campaignVariables()).setVariable(LAST_SITTING, false)
                .startBeforeActivity(VERIFIER_DECISIONS).execute();
        execute(job(VERIFIER_DECISIONS, campaign));
        assertThat(journal).containsExactly("checkCommitteeDecisions");
        execute(job(TRANSMETTRE_DECISIONS_BODY, campaign));

        // one job per decided dossier, each run in its own transaction
        var transmissions = managementService().createJobQuery().processInstanceId(campaign.getId())
                .activityId(TRANSMETTRE_DECISION).list();
        assertThat(transmissions).extracting(job -> runtimeService().getVariableLocal(job.getExecutionId(), DOSSIER_NUMBER))
                .containsExactlyInAnyOrder("ESMS-2021-0007", "ESMS-2021-0012", "ESMS-2021-0015");
        String failing = null;
        for (var transmission : transmissions) {
            try {
                managementService().executeJob(transmission.getId());
            } catch (IllegalStateException unreachableDossier) {
                failing = transmission.getId();
            }
        }
        assertThat(failing).isNotNull();
        assertThat(journal).containsExactlyInAnyOrder("checkCommitteeDecisions",
                notified("ESMS-2021-0007"), notified("ESMS-2021-0015"));
        runJobsExcept(campaign, failing);

        // the others are sent and kept; the failing one counts its retries down to an incident, and waits there
        for (int retriesLeft = 4; retriesLeft > 0; retriesLeft--) {
            assertThat(managementService().createJobQuery().jobId(failing).singleResult().getRetries()).isEqualTo(retriesLeft);
            try {
                managementService().executeJob(failing);
            } catch (IllegalStateException stillUnreachable) {
                // retried by the job executor until no retry is left
            }
        }
        assertThat(runtimeService().createIncidentQuery().processInstanceId(campaign.getId()).activityId(TRANSMETTRE_DECISION)
                .singleResult().getConfiguration()).isEqualTo(failing);
        assertThat(campaign).isWaitingAt(TRANSMETTRE_DECISION).isNotWaitingAt(TENIR_SEANCE_COMITE);
        assertThat(journal).filteredOn(call -> call.startsWith("notifyCommitteeDecision"))
                .containsExactlyInAnyOrder(notified("ESMS-2021-0007"), notified("ESMS-2021-0015"));

        // once the dossier can be reached, its job alone is retried and the campaign goes on to the next sitting
        unreachable.clear();
        managementService().setJobRetries(failing, 1);
        managementService().executeJob(failing);
        runJobsExcept(campaign, null);
        assertThat(campaign).isWaitingAt(TENIR_SEANCE_COMITE);
        assertThat(journal).filteredOn(call -> call.startsWith("notifyCommitteeDecision")).containsExactlyInAnyOrder(
                notified("ESMS-2021-0007"), notified("ESMS-2021-0015"), notified("ESMS-2021-0012"));
    }

    @Test
    void aSittingThatDecidesNothingSendsNothingAndGoesOn() {
        decided = List.of();
        var campaign = runtimeService().createProcessInstanceByKey(EsmsNumeriqueCampaign.PROCESS_ID).businessKey(CAMPAIGN)
                .setVariables(campaignVariables()).setVariable(LAST_SITTING, false)
                .startBeforeActivity(VERIFIER_DECISIONS).execute();
        runJobsExcept(campaign, null);
        assertThat(campaign).isWaitingAt(TENIR_SEANCE_COMITE).hasPassed(TRANSMETTRE_DECISIONS_BODY);
        assertThat(journal).containsExactly("checkCommitteeDecisions", "prepareCommitteeSitting");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final String NOTIFIED_0007 = notified("ESMS-2021-0007");

    private static String notified(String dossier) {
        return "notifyCommitteeDecision:" + dossier + ":" + Messages.COMMITTEE_DECISION;
    }

    /** Runs the campaign's asynchronous steps, as the job executor would, leaving {@code failing} alone. */
    private static void runJobsExcept(ProcessInstance campaign, String failing) {
        for (int i = 0; i < 20; i++) {
            var jobs = managementService().createJobQuery().processInstanceId(campaign.getId()).messages().list().stream()
                    .filter(job -> !job.getId().equals(failing)).toList();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the campaign keeps creating asynchronous jobs");
    }

    private static Map<String, Object> campaignVariables() {
        return withVariables(
                CAMPAIGN_KEY, CAMPAIGN,
                CALL_ID, "esms-numerique",
                REGION, "Guadeloupe",
                TIME_ZONE, GUADELOUPE.getId(),
                SUBMISSION_OPENS_AT, DEPOT_OPENS_ON,
                SUBMISSION_CLOSES_AT, DEPOT_CLOSES_ON,
                SELECTION_OPENS_AT, SELECTION_OPENS_ON,
                SELECTION_CLOSES_AT, SELECTION_CLOSES_ON,
                BUDGET_ENVELOPE, 1_500_000L,
                REVIEWER_GROUP, "instructeurs-guadeloupe",
                COMMITTEE_GROUP, COMMITTEE);
    }

    /** A chunk of the calendar, started where it begins (e.g. once dépôt has opened). */
    private static ProcessInstance startBefore(String... activityIds) {
        var start = runtimeService().createProcessInstanceByKey(EsmsNumeriqueCampaign.PROCESS_ID)
                .businessKey(CAMPAIGN).setVariables(campaignVariables());
        for (var activityId : activityIds) {
            start.startBeforeActivity(activityId);
        }
        return start.execute();
    }

    /** Moves the clock to the timer's date and fires it, as the job executor would. */
    private static void passTime(ProcessInstance campaign, String timerEvent, Date to) {
        ClockUtil.setCurrentTime(to);
        execute(timer(campaign, timerEvent));
    }

    private static Job timer(ProcessInstance campaign, String timerEvent) {
        return managementService().createJobQuery().processInstanceId(campaign.getId()).timers()
                .activityId(timerEvent).singleResult();
    }

    /** The committee fills in its decisions, then the campaign transmits them to the dossiers. */
    private static void completeSitting(ProcessInstance campaign, boolean lastSitting) {
        complete(task(TENIR_SEANCE_COMITE, campaign), withVariables(
                COMMITTEE_DECISIONS, List.of(Map.of("dossierNumber", "ESMS-2021-0007", "decision", "RETENU",
                        "reason", "Projet mutualisé")),
                LAST_SITTING, lastSitting));
        runJobsExcept(campaign, null);
    }

    private static String deployedFormId() {
        return formService().getTaskFormData(task().getId()).getCamundaFormRef().getKey();
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(GUADELOUPE).toInstant());
    }
}
