package fr.instruire.models.cvlnumerique;

import static fr.instruire.models.cvlnumerique.CvlNumeriqueCampaign.Elements.*;
import static fr.instruire.models.cvlnumerique.CvlNumeriqueCampaign.Variables.*;
import static fr.instruire.models.DecidedDossierGroups.groups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

import fr.instruire.models.cvlnumerique.CvlNumeriqueCampaign.Delegates;
import fr.instruire.models.cvlnumerique.CvlNumeriqueDossier.Messages;

/**
 * The AMI's session as its text gives it — candidatures au fil de l'eau « jusqu'au 31 décembre 2025 » — with the dates
 * as variables and the clock driven by the test: dépôt from 15 March 2025 to 31 December 2025, sélection from 1 May
 * 2025 to 31 March 2026, so the funders' committee sits several times while candidatures still arrive, and once more
 * after the dépôt has closed.
 */
@Deployment(resources = { CvlNumeriqueCampaign.BPMN, CvlNumeriqueCampaign.FORM_SEANCE_COMITE })
class CvlNumeriqueCampaignProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String CAMPAIGN = "cvl-numerique-2025";
    private static final String COMMITTEE = "comite-financeurs-cvl";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Date CREATED_AT = startOf(LocalDate.of(2025, 3, 1));
    private static final Date DEPOT_OPENS_ON = startOf(LocalDate.of(2025, 3, 15));
    /** Exclusive: the end of 31 December 2025, the text's last day of dépôt. */
    private static final Date DEPOT_CLOSES_ON = startOf(LocalDate.of(2026, 1, 1));
    private static final Date SELECTION_OPENS_ON = startOf(LocalDate.of(2025, 5, 1));
    private static final Date SELECTION_CLOSES_ON = startOf(LocalDate.of(2026, 4, 1));

    /** What the delegates were called with, in order. */
    private final List<String> journal = new ArrayList<>();
    /** What checkCommitteeDecisions finds decided (the real one reads the dossiers). */
    private List<String> decided = List.of("CVL-2025-0003");
    /** Dossiers notifyCommitteeDecision cannot reach for now. */
    private final Set<String> unreachable = new HashSet<>();

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(CREATED_AT);
        Mocks.register(Delegates.PREPARE_COMMITTEE_SITTING, (TaskListener) task -> {
            journal.add("prepareCommitteeSitting");
            task.setVariable(COMMITTEE_LIST, List.of(Map.of("dossierNumber", "CVL-2025-0003",
                    "organisation", "CPTS du Pays de Vierzon", "score", 52, "grantAmount", 90000)));
        });
        Mocks.register(Delegates.RECORD_COMMITTEE_SITTING,
                (TaskListener) task -> journal.add("recordCommitteeSitting:" + task.getVariable(LAST_SITTING)));
        Mocks.register(Delegates.CHECK_COMMITTEE_DECISIONS, (JavaDelegate) execution -> {
            journal.add("checkCommitteeDecisions");
            execution.setVariable(DECIDED_DOSSIER_GROUPS, groups(decided));
        });
        Mocks.register("closePendingDossiers", (JavaDelegate) execution ->
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
    void theFundersCommitteeSitsSeveralTimesWhileCandidaturesArriveAndOnceMoreAfterTheDepotCloses() {
        var campaign = runtimeService().startProcessInstanceByKey(CvlNumeriqueCampaign.PROCESS_ID, CAMPAIGN,
                campaignVariables());
        assertThat(campaign).isWaitingAt(DEPOT_OUVERT);
        assertThat(timer(campaign, DEPOT_OUVERT).getDuedate()).isEqualTo(DEPOT_OPENS_ON);

        passTime(campaign, DEPOT_OUVERT, DEPOT_OPENS_ON);
        assertThat(campaign).isWaitingAt(DEPOT_CLOS, SELECTION_OUVERTE);
        assertThat(timer(campaign, DEPOT_CLOS).getDuedate()).isEqualTo(DEPOT_CLOSES_ON);
        assertThat(timer(campaign, SELECTION_OUVERTE).getDuedate()).isEqualTo(SELECTION_OPENS_ON);

        // sélection opens on 1 May, eight months before dépôt closes
        passTime(campaign, SELECTION_OUVERTE, SELECTION_OPENS_ON);
        assertThat(campaign).isWaitingAt(DEPOT_CLOS, TENIR_SEANCE_COMITE);
        assertThat(task()).hasCandidateGroup(COMMITTEE).hasDueDate(SELECTION_CLOSES_ON);
        assertThat(deployedFormId()).isEqualTo("cvl-numerique-seance-comite");

        // a sitting in June, another in October: dépôt is still open
        ClockUtil.setCurrentTime(startOf(LocalDate.of(2025, 6, 20)));
        completeSitting(campaign, false);
        ClockUtil.setCurrentTime(startOf(LocalDate.of(2025, 10, 10)));
        completeSitting(campaign, false);
        assertThat(campaign).isWaitingAt(DEPOT_CLOS, TENIR_SEANCE_COMITE);
        assertThat(journal).containsExactly(
                "prepareCommitteeSitting", "recordCommitteeSitting:false", "checkCommitteeDecisions", NOTIFIED_0003,
                "prepareCommitteeSitting", "recordCommitteeSitting:false", "checkCommitteeDecisions", NOTIFIED_0003,
                "prepareCommitteeSitting");

        // the end of 31 December 2025: no more candidatures, the committee decides on the last ones
        passTime(campaign, DEPOT_CLOS, DEPOT_CLOSES_ON);
        assertThat(campaign).isWaitingAt(FIN_PHASES, TENIR_SEANCE_COMITE);

        completeSitting(campaign, true);
        assertThat(campaign).isEnded().hasPassed(DEPOT_CLOS, DERNIERE_SEANCE, FIN_PHASES, CAMPAGNE_CLOSE);
        // the dossiers the last sitting could not see are closed by their own models
        assertThat(journal).containsOnlyOnce("closePendingDossiers:selection-closed");
        assertThat(campaign).hasPassed(VERIFIER_DECISIONS, TRANSMETTRE_DECISIONS);
        assertThat(journal).filteredOn(call -> call.startsWith("notifyCommitteeDecision"))
                .containsExactly(NOTIFIED_0003, NOTIFIED_0003, NOTIFIED_0003);
    }

    @Test
    void theSittingsDecisionRowCarriesTheInterventionRateToTheNextSteps() throws IOException {
        var campaign = startBefore(SELECTION_OUVERTE, DEPOT_CLOS);
        passTime(campaign, SELECTION_OUVERTE, SELECTION_OPENS_ON);
        assertThat(campaign).isWaitingAt(TENIR_SEANCE_COMITE);
        assertThat(deployedForm()).contains("\"key\": \"interventionRate\"", "\"path\": \"committeeDecisions\"");

        completeSitting(campaign, false);

        // what the committee submitted is the step's output: checkCommitteeDecisions and each dossier's job read it
        assertThat(runtimeService().getVariable(campaign.getId(), COMMITTEE_DECISIONS).toString())
                .contains("interventionRate=70");
    }

    @Test
    void lastSittingHeldBeforeDepotClosesLeavesTheCampaignOpenUntilDepotCloses() {
        var campaign = startBefore(SELECTION_OUVERTE, DEPOT_CLOS);
        passTime(campaign, SELECTION_OUVERTE, SELECTION_OPENS_ON);

        completeSitting(campaign, true);
        assertThat(campaign).isNotEnded().isWaitingAt(DEPOT_CLOS);

        passTime(campaign, DEPOT_CLOS, DEPOT_CLOSES_ON);
        assertThat(campaign).isEnded().hasPassed(CAMPAGNE_CLOSE);
        assertThat(journal).containsOnlyOnce(NOTIFIED_0003);
    }

    @Test
    void eachDecisionReachesItsDossierInItsOwnJobAndOneThatFailsIsRetriedAlone() {
        decided = List.of("CVL-2025-0003", "CVL-2025-0008", "CVL-2025-0011");
        unreachable.add("CVL-2025-0008");
        var campaign = runtimeService().createProcessInstanceByKey(CvlNumeriqueCampaign.PROCESS_ID).businessKey(CAMPAIGN)
                .setVariables(campaignVariables()).setVariable(LAST_SITTING, false)
                .startBeforeActivity(VERIFIER_DECISIONS).execute();
        execute(job(VERIFIER_DECISIONS, campaign));
        execute(job(TRANSMETTRE_DECISIONS_BODY, campaign));

        var transmissions = managementService().createJobQuery().processInstanceId(campaign.getId())
                .activityId(TRANSMETTRE_DECISION).list();
        assertThat(transmissions).extracting(job -> runtimeService().getVariableLocal(job.getExecutionId(), DOSSIER_NUMBER))
                .containsExactlyInAnyOrder("CVL-2025-0003", "CVL-2025-0008", "CVL-2025-0011");
        String failing = null;
        for (var transmission : transmissions) {
            try {
                managementService().executeJob(transmission.getId());
            } catch (IllegalStateException unreachableDossier) {
                failing = transmission.getId();
            }
        }
        assertThat(failing).isNotNull();
        runJobsExcept(campaign, failing);
        assertThat(journal).filteredOn(call -> call.startsWith("notifyCommitteeDecision"))
                .containsExactlyInAnyOrder(notified("CVL-2025-0003"), notified("CVL-2025-0011"));
        assertThat(campaign).isWaitingAt(TRANSMETTRE_DECISION).isNotWaitingAt(TENIR_SEANCE_COMITE);
        assertThat(managementService().createJobQuery().jobId(failing).singleResult().getRetries()).isEqualTo(4);

        // once the dossier can be reached, its job alone is retried and the campaign goes on to the next sitting
        unreachable.clear();
        managementService().executeJob(failing);
        runJobsExcept(campaign, null);
        assertThat(campaign).isWaitingAt(TENIR_SEANCE_COMITE);
        assertThat(journal).filteredOn(call -> call.startsWith("notifyCommitteeDecision")).containsExactlyInAnyOrder(
                notified("CVL-2025-0003"), notified("CVL-2025-0011"), notified("CVL-2025-0008"));
    }

    @Test
    void aSittingThatAdjournsEverythingSendsNothingAndGoesOn() {
        decided = List.of();
        var campaign = runtimeService().createProcessInstanceByKey(CvlNumeriqueCampaign.PROCESS_ID).businessKey(CAMPAIGN)
                .setVariables(campaignVariables()).setVariable(LAST_SITTING, false)
                .startBeforeActivity(VERIFIER_DECISIONS).execute();
        runJobsExcept(campaign, null);
        assertThat(campaign).isWaitingAt(TENIR_SEANCE_COMITE).hasPassed(TRANSMETTRE_DECISIONS_BODY);
        assertThat(journal).containsExactly("checkCommitteeDecisions", "prepareCommitteeSitting");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final String NOTIFIED_0003 = notified("CVL-2025-0003");

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
                CALL_ID, "cvl-numerique",
                REGION, "Centre-Val de Loire",
                TIME_ZONE, PARIS.getId(),
                SUBMISSION_OPENS_AT, DEPOT_OPENS_ON,
                SUBMISSION_CLOSES_AT, DEPOT_CLOSES_ON,
                SELECTION_OPENS_AT, SELECTION_OPENS_ON,
                SELECTION_CLOSES_AT, SELECTION_CLOSES_ON,
                BUDGET_ENVELOPE, 2_000_000L,
                REVIEWER_GROUP, "instructeurs-cvl",
                COMMITTEE_GROUP, COMMITTEE);
    }

    /** A chunk of the calendar, started where it begins (e.g. once dépôt has opened). */
    private static ProcessInstance startBefore(String... activityIds) {
        var start = runtimeService().createProcessInstanceByKey(CvlNumeriqueCampaign.PROCESS_ID)
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

    /** The committee retains the project at 70 %, then the campaign transmits its decisions to the dossiers. */
    private static void completeSitting(ProcessInstance campaign, boolean lastSitting) {
        var row = new LinkedHashMap<String, Object>();
        row.put("dossierNumber", "CVL-2025-0003");
        row.put("decision", "RETENU");
        row.put("interventionRate", 70);
        row.put("reason", "Projet emblématique du territoire.");
        complete(task(TENIR_SEANCE_COMITE, campaign), withVariables(COMMITTEE_DECISIONS, List.of(row),
                LAST_SITTING, lastSitting));
        runJobsExcept(campaign, null);
    }

    private static String deployedFormId() {
        return formService().getTaskFormData(task().getId()).getCamundaFormRef().getKey();
    }

    private static String deployedForm() throws IOException {
        try (var form = formService().getDeployedTaskForm(task().getId())) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(PARIS).toInstant());
    }
}
