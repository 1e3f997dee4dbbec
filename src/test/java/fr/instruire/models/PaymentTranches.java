package fr.instruire.models;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * The common tranche process (bpmn/common/payment-tranche.bpmn) as a call's process test walks it: the tranche the
 * dossier called is released by its reviewers and paid by its finance team; the asynchronous steps of the dossier and
 * of the tranches it called are run as the job executor would.
 */
public final class PaymentTranches {

    private PaymentTranches() {
    }

    /** Releases then pays the one tranche open for the dossier, checking its key and who may take each step. */
    public static void pay(String dossier, String tranche, String reviewers, String finance) {
        runAllJobs();
        var release = taskService().createTaskQuery().processInstanceBusinessKey(dossier)
                .taskDefinitionKey("Activity_LibererTranche").singleResult();
        assertThat(release).hasCandidateGroup(reviewers);
        org.assertj.core.api.Assertions.assertThat(taskService().getVariable(release.getId(), "tranche")).isEqualTo(tranche);
        taskService().complete(release.getId(), withVariables("trancheEvidence", "Pièce " + tranche));
        var payment = taskService().createTaskQuery().processInstanceBusinessKey(dossier)
                .taskDefinitionKey("Activity_MettreEnPaiement").singleResult();
        assertThat(payment).hasCandidateGroup(finance);
        taskService().complete(payment.getId(), withVariables("paymentReference", "Mandat " + tranche));
        runAllJobs();
    }

    /** Every message job (no timer), whichever instance — the dossier's or a tranche it called. */
    public static void runAllJobs() {
        for (int i = 0; i < 10; i++) {
            managementService().createJobQuery().messages().list().forEach(job -> managementService().executeJob(job.getId()));
        }
    }
}
