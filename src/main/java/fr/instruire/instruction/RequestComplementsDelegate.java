package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/** Records what the reviewer asked of the applicant; the dossier then waits for the complements. */
@Component("requestComplements")
class RequestComplementsDelegate implements JavaDelegate {

    private final Dossiers dossiers;

    RequestComplementsDelegate(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var request = String.valueOf(execution.getVariable("complementsRequest")).trim();
        dossiers.requestComplements(number, Actors.lastTaskCompleter(execution), request);
        dossiers.recordEvent(number, Actors.lastTaskCompleter(execution), "COMPLEMENTS_REQUESTED", request);
    }
}
