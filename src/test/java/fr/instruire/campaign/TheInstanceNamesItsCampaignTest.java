package fr.instruire.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.TaskRefusal;

/**
 * The campaign's steps know their campaign from the instance's business key, not from the {@code campaignKey}
 * variable a submission could forge: the agendas, the committee's and the CTIS's checks and the decisions sent all
 * concern the instance's own campaign; the CTIS gives its opinion on the national team's recorded proposal.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:instance-campaign;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=target/instance-campaign-outbox",
})
@ActiveProfiles("test")
class TheInstanceNamesItsCampaignTest {

    static final String GUADELOUPE = "decide-esms-guadeloupe";
    static final String MARTINIQUE = "decide-esms-martinique";
    static final String FACILISOINS = "decide-facilisoins";
    static final String FACILISOINS_OTHER = "decide-facilisoins-autre";
    static final Date LATER = Date.from(Instant.parse("2030-01-01T00:00:00Z"));

    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired Dossiers dossiers;
    @Autowired JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void campaigns() {
        campaign(GUADELOUPE, "esms-numerique", "ESMS");
        campaign(MARTINIQUE, "esms-numerique", "ESMS");
        campaign(FACILISOINS, "facilisoins", "FACI");
        campaign(FACILISOINS_OTHER, "facilisoins", "FACI");
        // each test's dossiers are the only ones waiting for a decision
        jdbc.sql("UPDATE dossier SET status = 'NOT_SELECTED' WHERE status = 'INSTRUCTED'").update();
    }

    void campaign(String key, String callId, String prefix) {
        if (jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_key = ?").param(key).query(Integer.class).single() == 0) {
            var t = Instant.parse("2026-01-15T00:00:00Z").atOffset(ZoneOffset.UTC);
            jdbc.sql("""
                    INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                        submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                        reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email, created_at)
                    VALUES (?, ?, ?, 'Guadeloupe', 'America/Guadeloupe', ?, ?, ?, ?, 1500000, ?, 'instructeurs-decide',
                        'comite-decide', 'P15D', 'P21D', 'ars@example.org', ?)""")
                    .params(key, callId, "Campagne " + key, t, t.plusMonths(2), t.plusMonths(3), t.plusMonths(4), prefix, t).update();
        }
    }

    String instructed(String campaignKey, String prefix, int score) {
        var number = dossiers.nextNumber(prefix, 2026);
        var at = Instant.parse("2026-02-01T10:00:00Z");
        dossiers.insert(new Dossier(number, campaignKey, DossierStatus.SUBMITTED, "Organisme " + number, null, "Contact",
                "contact@example.org", "Projet", null, null, null,
                at, at), "hash");
        dossiers.recordInstruction(number, score, 25_000L);
        dossiers.updateStatus(number, DossierStatus.INSTRUCTED);
        return number;
    }

    Object jsonValue(Object value) throws Exception {
        return SpinValues.jsonValue(json.writeValueAsString(value)).create();
    }

    /** The refusal the user reads, wherever the engine wrapped it. */
    static TaskRefusal refusal(Throwable thrown) {
        for (var t = thrown; t != null; t = t.getCause()) {
            if (t instanceof TaskRefusal refusal) {
                return refusal;
            }
        }
        throw new AssertionError("no TaskRefusal in " + thrown, thrown);
    }

    @Test
    void aSittingListsAndDecidesOnlyItsOwnCampaignsDossiersWhateverItsCampaignKeyVariableSays() throws Exception {
        var ours = instructed(GUADELOUPE, "ESMS", 18);
        var theirs = instructed(MARTINIQUE, "ESMS", 20);
        var sitting = runtime.createProcessInstanceByKey("esms-numerique-campaign").businessKey(GUADELOUPE)
                .setVariables(Map.of("campaignKey", MARTINIQUE, "committeeGroup", "comite-decide", "selectionClosesAt", LATER))
                .startBeforeActivity("Activity_TenirSeanceComite").execute();
        var task = tasks.createTaskQuery().processInstanceId(sitting.getId()).singleResult();

        assertThat(tasks.getVariable(task.getId(), "committeeList").toString()).contains(ours).doesNotContain(theirs);

        // the last sitting must decide every dossier: the refusal names the task's campaign's only
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("lastSitting", true, "committeeDecisions", jsonValue(List.of()))))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("statuer sur le dossier " + ours).doesNotContain(theirs));
        // another campaign's dossier cannot be decided
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("lastSitting", false, "committeeDecisions",
                jsonValue(List.of(Map.of("dossierNumber", theirs, "decision", "RETENU", "reason", ""))))))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("« " + theirs + " » n'attend pas de décision du comité"));
        // nor one dossier twice
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("lastSitting", false, "committeeDecisions",
                jsonValue(List.of(Map.of("dossierNumber", ours, "decision", "RETENU", "reason", ""),
                        Map.of("dossierNumber", ours, "decision", "NON_RETENU", "reason", "Non"))))))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("deux décisions pour le dossier " + ours));
        assertThat(dossiers.get(theirs).status()).isEqualTo(DossierStatus.INSTRUCTED);
    }

    @Test
    void decisionsAreSentOnlyToInstructedDossiersOfTheInstancesCampaign() throws Exception {
        var ours = instructed(GUADELOUPE, "ESMS", 18);
        var theirs = instructed(MARTINIQUE, "ESMS", 20);
        var waiting = runtime.createProcessInstanceByKey("esms-numerique-dossier").businessKey(ours)
                .setVariables(Map.of("campaignKey", GUADELOUPE, "dossierNumber", ours))
                .startBeforeActivity("Event_DecisionComiteRecue").execute();

        // decisions written after the sitting's checks (a forged variable): nothing is recorded, the job fails
        var forged = transmit(List.of(Map.of("dossierNumber", ours, "decision", "RETENU", "reason", ""),
                Map.of("dossierNumber", theirs, "decision", "RETENU", "reason", "")), MARTINIQUE);
        assertThatThrownBy(() -> management.executeJob(forged)).hasMessageContaining(theirs)
                .hasMessageContaining("aucune décision transmise");
        assertThat(dossiers.get(ours).status()).isEqualTo(DossierStatus.INSTRUCTED);
        assertThat(dossiers.get(theirs).status()).isEqualTo(DossierStatus.INSTRUCTED);
        assertThat(dossiers.history(theirs)).noneMatch(e -> e.kind().equals("COMMITTEE_DECISION"));
        management.deleteJob(forged);

        // the campaign's own instructed dossier is decided, whatever campaignKey the campaign instance holds
        var decided = transmit(List.of(Map.of("dossierNumber", ours, "decision", "RETENU", "reason", "")), MARTINIQUE);
        assertThat(runJobs(instanceOf(decided))).isEmpty();
        assertThat(dossiers.get(ours).status()).isEqualTo(DossierStatus.SELECTED);
        assertThat(runtime.getVariable(waiting.getId(), "selected")).isEqualTo(true);

        // decided already: a second message for it is refused too
        var again = transmit(List.of(Map.of("dossierNumber", ours, "decision", "NON_RETENU", "reason", "Non")), GUADELOUPE);
        assertThatThrownBy(() -> management.executeJob(again)).hasMessageContaining(ours);
        assertThat(dossiers.get(ours).status()).isEqualTo(DossierStatus.SELECTED);
    }

    @Test
    void aDossierThatCannotBeReachedIsRetriedAloneWithoutUndoingNorHoldingBackTheOthers() throws Exception {
        var reachable = instructed(GUADELOUPE, "ESMS", 18);
        var unreachable = instructed(GUADELOUPE, "ESMS", 12);
        var reachableInstance = waitingForTheCommittee(reachable);
        var check = transmit(List.of(Map.of("dossierNumber", reachable, "decision", "RETENU", "reason", ""),
                Map.of("dossierNumber", unreachable, "decision", "NON_RETENU", "reason", "Hors périmètre")), GUADELOUPE);
        var campaign = instanceOf(check);

        // no instance of the second dossier waits for its decision: its job fails, alone
        assertThat(runJobs(campaign)).hasSize(1);
        assertThat(dossiers.get(reachable).status()).isEqualTo(DossierStatus.SELECTED);
        assertThat(runtime.getVariable(reachableInstance, "selected")).isEqualTo(true);
        assertThat(dossiers.get(unreachable).status()).isEqualTo(DossierStatus.INSTRUCTED);
        assertThat(dossiers.history(unreachable)).noneMatch(e -> e.kind().equals("COMMITTEE_DECISION"));
        var failing = management.createJobQuery().processInstanceId(campaign).withException().singleResult();
        assertThat(failing.getRetries()).isEqualTo(4);
        assertThat(runtime.getVariableLocal(failing.getExecutionId(), "dossierNumber")).isEqualTo(unreachable);

        // once it waits, the retry reaches it — from the row kept for it when the sitting was checked, not from the
        // sitting's whole list; the first dossier's decision is neither undone nor sent twice
        assertThat(jdbc.sql("SELECT COUNT(*) FROM committee_decision WHERE campaign_key = ?").param(GUADELOUPE)
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
        runtime.removeVariable(campaign, "committeeDecisions");
        var unreachableInstance = waitingForTheCommittee(unreachable);
        management.executeJob(failing.getId());
        assertThat(runJobs(campaign)).isEmpty();
        assertThat(dossiers.get(unreachable).status()).isEqualTo(DossierStatus.NOT_SELECTED);
        assertThat(runtime.getVariable(unreachableInstance, "committeeReason")).isEqualTo("Hors périmètre");
        assertThat(dossiers.history(unreachable)).filteredOn(e -> e.kind().equals("COMMITTEE_DECISION")).hasSize(1);
        assertThat(dossiers.history(reachable)).filteredOn(e -> e.kind().equals("COMMITTEE_DECISION")).hasSize(1);
        assertThat(management.createJobQuery().processInstanceId(campaign).count()).isZero();
    }

    @Test
    void aDecisionAlreadyRecordedIsNotRecordedNorSentAgainButAConflictingOneFails() throws Exception {
        var sent = instructed(GUADELOUPE, "ESMS", 18);
        var conflicting = instructed(GUADELOUPE, "ESMS", 16);
        // an earlier attempt at the same decision went through (no dossier instance waits any more)
        dossiers.updateStatus(sent, DossierStatus.SELECTED);
        dossiers.updateStatus(conflicting, DossierStatus.NOT_SELECTED);
        var decisions = jsonValue(List.of(Map.of("dossierNumber", sent, "decision", "RETENU", "reason", ""),
                Map.of("dossierNumber", conflicting, "decision", "RETENU", "reason", "")));
        var campaign = runtime.createProcessInstanceByKey("esms-numerique-campaign").businessKey(GUADELOUPE)
                .setVariables(Map.of("campaignKey", GUADELOUPE, "committeeGroup", "comite-decide", "selectionClosesAt", LATER,
                        "lastSitting", true, "committeeDecisions", decisions,
                        "decidedDossierGroups", new ArrayList<>(List.of(new ArrayList<>(List.of(sent, conflicting))))))
                .startBeforeActivity("Activity_TransmettreDecisions#multiInstanceBody").execute().getId();

        assertThat(runJobs(campaign)).singleElement().asString().contains(conflicting).contains("n'attend plus de décision");
        assertThat(dossiers.get(sent).status()).isEqualTo(DossierStatus.SELECTED);
        assertThat(dossiers.history(sent)).noneMatch(e -> e.kind().equals("COMMITTEE_DECISION"));
        assertThat(dossiers.get(conflicting).status()).isEqualTo(DossierStatus.NOT_SELECTED);
        assertThat(runtime.getVariableLocal(management.createJobQuery().processInstanceId(campaign).withException()
                .singleResult().getExecutionId(), "dossierNumber")).isEqualTo(conflicting);
    }

    /** A Guadeloupe campaign instance about to check and send {@code decisions}; returns its first job. */
    String transmit(List<Map<String, String>> decisions, String campaignKeyVariable) throws Exception {
        var instance = runtime.createProcessInstanceByKey("esms-numerique-campaign").businessKey(GUADELOUPE)
                .setVariables(Map.of("campaignKey", campaignKeyVariable, "committeeGroup", "comite-decide",
                        "selectionClosesAt", LATER, "lastSitting", true, "committeeDecisions", jsonValue(decisions)))
                .startBeforeActivity("Activity_VerifierDecisions").execute();
        return management.createJobQuery().processInstanceId(instance.getId()).singleResult().getId();
    }

    /** A Guadeloupe dossier's instance waiting for the committee's decision; returns its id. */
    String waitingForTheCommittee(String number) {
        return runtime.createProcessInstanceByKey("esms-numerique-dossier").businessKey(number)
                .setVariables(Map.of("campaignKey", GUADELOUPE, "dossierNumber", number))
                .startBeforeActivity("Event_DecisionComiteRecue").execute().getId();
    }

    String instanceOf(String jobId) {
        return management.createJobQuery().jobId(jobId).singleResult().getProcessInstanceId();
    }

    @Test
    void aSittingOfACampaignModelDeployedBeforeTheGroupsStillSendsItsDecisions() throws Exception {
        var number = instructed(GUADELOUPE, "ESMS", 17);
        var waiting = waitingForTheCommittee(number);
        var before = repository.createDeployment().name("avant les lots")
                .addClasspathResource("models-before/esms-numerique-campaign-before-groups.bpmn")
                .addClasspathResource("forms/esms-numerique/esms-numerique-seance-comite.form").deploy();
        try {
            var definition = repository.createProcessDefinitionQuery().deploymentId(before.getId()).singleResult();
            var campaign = runtime.createProcessInstanceById(definition.getId()).businessKey(GUADELOUPE)
                    .setVariables(Map.of("campaignKey", GUADELOUPE, "committeeGroup", "comite-decide", "selectionClosesAt", LATER,
                            "lastSitting", true, "committeeDecisions",
                            jsonValue(List.of(Map.of("dossierNumber", number, "decision", "RETENU", "reason", "")))))
                    .startBeforeActivity("Activity_VerifierDecisions").execute().getId();

            assertThat(runJobs(campaign)).isEmpty();
            assertThat(dossiers.get(number).status()).isEqualTo(DossierStatus.SELECTED);
            assertThat(runtime.getVariable(waiting, "selected")).isEqualTo(true);
        } finally {
            repository.deleteDeployment(before.getId(), true);
        }
    }

    /** Runs an instance's jobs as the job executor would, a failing one once only; returns the failures' messages. */
    List<String> runJobs(String instanceId) {
        var failed = new HashMap<String, String>();
        for (int round = 0; round < 10; round++) {
            var jobs = management.createJobQuery().processInstanceId(instanceId).list().stream()
                    .filter(job -> !failed.containsKey(job.getId())).toList();
            if (jobs.isEmpty()) {
                return List.copyOf(failed.values());
            }
            for (var job : jobs) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    failed.put(job.getId(), String.valueOf(e.getMessage()));
                }
            }
        }
        throw new AssertionError("instance " + instanceId + " keeps creating jobs");
    }

    @Test
    void theCtisGivesItsOpinionOnTheNationalTeamsRecordedProposalAndCannotChangeIt() throws Exception {
        var first = instructed(FACILISOINS, "FACI", 40);
        var second = instructed(FACILISOINS, "FACI", 30);
        var elsewhere = instructed(FACILISOINS_OTHER, "FACI", 45);
        var variables = new HashMap<String, Object>(Map.of("campaignKey", FACILISOINS_OTHER, "nationalTeamGroup", "equipe-decide",
                "dgcsGroup", "dgcs-decide", "ctisGroup", "ctis-decide", "places", 1, "ctisOpensAt", LATER, "resultsBy", LATER));
        var campaign = runtime.createProcessInstanceByKey("facilisoins-campaign").businessKey(FACILISOINS)
                .setVariables(variables).startBeforeActivity("Activity_ProposerSelection").execute();
        var proposer = tasks.createTaskQuery().processInstanceId(campaign.getId()).singleResult();
        assertThat(tasks.getVariable(proposer.getId(), "selectionList").toString()).contains(first, second).doesNotContain(elsewhere);

        assertThatThrownBy(() -> tasks.complete(proposer.getId(), Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", first, "proposal", "RETENU", "reason", ""),
                Map.of("dossierNumber", second, "proposal", "NON_RETENU", "reason", ""),
                Map.of("dossierNumber", elsewhere, "proposal", "RETENU", "reason", ""))))))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("« " + elsewhere + " » n'est pas à la sélection de cette campagne"));
        tasks.complete(proposer.getId(), Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", first, "proposal", "RETENU", "reason", ""),
                Map.of("dossierNumber", second, "proposal", "NON_RETENU", "reason", "Au-delà des places ouvertes.")))));
        assertThat(jdbc.sql("SELECT dossier_number || ' ' || proposal || ' ' || reason FROM selection_proposal WHERE campaign_key = ? ORDER BY dossier_number")
                .param(FACILISOINS).query(String.class).list())
                .containsExactly(first + " RETENU ", second + " NON_RETENU Au-delà des places ouvertes.");
        management.executeJob(management.createJobQuery().processInstanceId(campaign.getId()).singleResult().getId());
        var ctis = tasks.createTaskQuery().processInstanceId(campaign.getId()).taskDefinitionKey("Activity_RecueillirAvisCtis").singleResult();

        // the CTIS turns the national team's « non retenu » into « retenu »: refused
        assertThatThrownBy(() -> tasks.complete(ctis.getId(), Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", first, "proposal", "RETENU", "reason", "", "ctisOpinion", "FAVORABLE", "ctisComment", ""),
                Map.of("dossierNumber", second, "proposal", "RETENU", "reason", "", "ctisOpinion", "FAVORABLE", "ctisComment", ""))))))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("dossier " + second
                        + " : la proposition de l'équipe nationale (« non retenu », motif « Au-delà des places ouvertes. ») ne peut être modifiée par le CTIS"));
        // or rewrites its reason: refused
        assertThatThrownBy(() -> tasks.complete(ctis.getId(), Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", first, "proposal", "RETENU", "reason", "", "ctisOpinion", "FAVORABLE", "ctisComment", ""),
                Map.of("dossierNumber", second, "proposal", "NON_RETENU", "reason", "Autre motif", "ctisOpinion", "FAVORABLE", "ctisComment", ""))))))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("dossier " + second).contains("ne peut être modifiée par le CTIS"));
        assertThat(dossiers.history(second)).noneMatch(e -> e.kind().equals("OPINION"));

        tasks.complete(ctis.getId(), Map.of("selectionProposal", jsonValue(List.of(
                Map.of("dossierNumber", first, "proposal", "RETENU", "reason", "", "ctisOpinion", "FAVORABLE", "ctisComment", ""),
                Map.of("dossierNumber", second, "proposal", "NON_RETENU", "reason", "Au-delà des places ouvertes.",
                        "ctisOpinion", "FAVORABLE", "ctisComment", "")))));
        assertThat(CommitteeDecision.read(runtime.getVariable(campaign.getId(), "committeeDecisions")))
                .containsExactly(new CommitteeDecision(first, "RETENU", ""),
                        new CommitteeDecision(second, "NON_RETENU", "Au-delà des places ouvertes."));
    }
}
