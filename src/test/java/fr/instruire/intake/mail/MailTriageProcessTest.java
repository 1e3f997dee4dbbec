package fr.instruire.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * « Courriel à qualifier » ({@code bpmn/common/mail-triage.bpmn}) on an in-memory engine, its delegates replaced by
 * recorders: each of the reviewer's three choices runs its own step in its own job. Beside {@link MailTriage}, whose
 * ids and variables it checks against the model.
 */
@Deployment(resources = {"bpmn/common/mail-triage.bpmn", "forms/common/mail-triage.form"})
class MailTriageProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String REVIEWERS = "instructeurs-facilisoins";

    private final List<String> journal = new ArrayList<>();

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        Mocks.register("checkMailTriage", (TaskListener) task -> {
            if ("REFUS".equals(task.getVariable(MailTriage.DISCARD_REASON))) {
                throw new ProcessEngineException("refusé par le serveur");
            }
            journal.add("checkMailTriage:" + task.getVariable(MailTriage.DECISION));
        });
        Mocks.register("attachMailToDossier", (JavaDelegate) execution -> {
            journal.add("attachMailToDossier:" + execution.getVariable(MailTriage.ATTACH_TO));
            execution.setVariable(MailTriage.DOSSIER_NUMBER, execution.getVariable(MailTriage.ATTACH_TO));
        });
        Mocks.register("createDossierFromMail", (JavaDelegate) execution -> {
            journal.add("createDossierFromMail:" + execution.getVariable(MailTriage.INBOUND_MAIL_ID));
            execution.setVariable(MailTriage.DOSSIER_NUMBER, "FACI-2022-0031");
        });
        Mocks.register("discardMail", (JavaDelegate) execution -> {
            if ("PANNE".equals(execution.getVariable(MailTriage.DISCARD_REASON))) {
                throw new IllegalStateException("base indisponible");
            }
            journal.add("discardMail:" + execution.getVariable(MailTriage.DISCARD_REASON));
        });
    }

    @AfterEach
    void resetDelegates() {
        Mocks.reset();
    }

    @Test
    void attachingRunsInItsOwnJobAfterTheReviewersChoice() {
        var mail = start();
        assertThat(task()).hasCandidateGroup(REVIEWERS).hasName("Qualifier le courriel");
        assertThat(deployedForm()).contains("\"id\": \"mail-triage\"");

        complete(task(), withVariables(MailTriage.DECISION, MailTriage.ATTACH, MailTriage.ATTACH_TO, "FACI-2022-0007"));
        // the choice commits with the task; its effect is a job of its own, retried alone
        assertThat(mail).isNotEnded();
        assertThat(journal).containsExactly("checkMailTriage:" + MailTriage.ATTACH);
        runJobs(mail);

        assertThat(mail).isEnded().hasPassedInOrder("Event_CourrielRecu", MailTriage.QUALIFY_TASK, "Gateway_SuiteCourriel",
                "Activity_RattacherCourriel", "Event_CourrielRattache");
        assertThat(journal).containsExactly("checkMailTriage:" + MailTriage.ATTACH, "attachMailToDossier:FACI-2022-0007");
    }

    @Test
    void aNewDossierIsCreatedFromTheMail() {
        var mail = start();
        complete(task(), withVariables(MailTriage.DECISION, MailTriage.NEW_DOSSIER));
        runJobs(mail);

        assertThat(mail).isEnded().hasPassed("Activity_CreerDossier", "Event_DossierCree").hasNotPassed("Activity_RattacherCourriel");
        assertThat(journal).containsExactly("checkMailTriage:" + MailTriage.NEW_DOSSIER, "createDossierFromMail:42");
    }

    @Test
    void aDiscardedMailEndsWithItsReason() {
        var mail = start();
        complete(task(), withVariables(MailTriage.DECISION, MailTriage.DISCARD, MailTriage.DISCARD_REASON, "Publicité"));
        runJobs(mail);

        assertThat(mail).isEnded().hasPassed("Activity_EcarterCourriel", "Event_CourrielEcarte");
        assertThat(journal).containsExactly("checkMailTriage:" + MailTriage.DISCARD, "discardMail:Publicité");
    }

    @Test
    void aChoiceTheServerRefusesLeavesTheTaskOpen() {
        var mail = start();
        var task = task();
        assertThatThrownBy(() -> complete(task, withVariables(MailTriage.DECISION, MailTriage.DISCARD,
                MailTriage.DISCARD_REASON, "REFUS"))).hasMessageContaining("refusé par le serveur");
        assertThat(mail).isWaitingAt(MailTriage.QUALIFY_TASK);
        assertThat(task().getId()).isEqualTo(task.getId());
    }

    @Test
    void aFailingStepIsRetriedWithoutAskingTheReviewerAgain() {
        var mail = start();
        complete(task(), withVariables(MailTriage.DECISION, MailTriage.DISCARD, MailTriage.DISCARD_REASON, "PANNE"));
        execute(job());
        assertThatThrownBy(() -> execute(job())).hasMessageContaining("base indisponible");

        var retried = managementService().createJobQuery().processInstanceId(mail.getId()).singleResult();
        assertThat(retried.getRetries()).as("R5/PT5M").isEqualTo(4);
        assertThat(mail).isWaitingAt("Activity_EcarterCourriel");
    }

    /** A mail waiting for a reviewer (and the instance the task() and job() shortcuts read). */
    private static ProcessInstance start() {
        var mail = runtimeService().startProcessInstanceByKey(MailTriage.PROCESS, "42", Map.of(
                MailTriage.INBOUND_MAIL_ID, 42L,
                MailTriage.CAMPAIGN_KEY, "facilisoins-2022",
                MailTriage.REVIEWER_GROUP, REVIEWERS,
                MailTriage.FROM, "Hélène Dupré <helene@mimosas.example>",
                MailTriage.SUBJECT, "RE: FACILISOINS – appel à candidatures",
                MailTriage.RECEIVED_AT, "14 février 2022 à 10h32 (heure normale d’Europe centrale)",
                MailTriage.RECEIVED_LATE, false,
                MailTriage.EXCERPT, "Voici la pièce manquante.",
                MailTriage.ATTACHMENT_NAMES, "attestation.pdf"));
        assertThat(mail).isWaitingAt(MailTriage.QUALIFY_TASK);
        return mail;
    }

    private static void runJobs(ProcessInstance mail) {
        for (int i = 0; i < 10; i++) {
            var jobs = managementService().createJobQuery().processInstanceId(mail.getId()).list();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the process keeps creating jobs");
    }

    private static String deployedForm() {
        try (var form = formService().getDeployedTaskForm(task().getId())) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
