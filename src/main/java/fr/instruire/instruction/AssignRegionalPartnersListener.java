package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * {@code assignRegionalPartners}, start listener (e.g. on the gateway that opens the ARS's and the CPAM's opinions):
 * from the dossier's {@code region} fact, sets {@code arsGroup} ({@code ars-<region>}), {@code cpamGroup}
 * ({@code cpam-<region>}) and {@code opinionDueDate} (now + process variable {@code opinionDelay}, ISO 8601,
 * default P15D, as a Date) on the process instance, creating the groups with Tasklist access if they are new.
 */
@Component("assignRegionalPartners")
class AssignRegionalPartnersListener implements ExecutionListener {

    private final RegionalPartners partners;

    AssignRegionalPartnersListener(RegionalPartners partners) {
        this.partners = partners;
    }

    @Override
    public void notify(DelegateExecution execution) {
        var delay = execution.getVariable("opinionDelay");
        var assignment = partners.assign(execution.getProcessBusinessKey(), delay == null ? null : delay.toString());
        var instance = execution.getProcessInstance();
        instance.setVariable("arsGroup", assignment.arsGroup());
        instance.setVariable("cpamGroup", assignment.cpamGroup());
        instance.setVariable("opinionDueDate", assignment.opinionDueDate());
    }
}
