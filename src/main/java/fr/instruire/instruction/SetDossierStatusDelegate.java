package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Puts the dossier in the status the model names (input {@code status}, one of the statuses its call declares), recording the
 * model's {@code reason} in its history.
 */
@Component("setDossierStatus")
class SetDossierStatusDelegate implements JavaDelegate {

    private final Dossiers dossiers;
    private final CallFacts facts;

    SetDossierStatusDelegate(Dossiers dossiers, CallFacts facts) {
        this.dossiers = dossiers;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var status = String.valueOf(execution.getVariableLocal("status"));
        var call = facts.callOf(number);
        if (!call.hasStatus(status)) {
            throw new IllegalStateException("Dossier " + number + " : statut « " + status + " » non déclaré dans "
                    + call.source() + " (statuses)");
        }
        var reason = execution.getVariableLocal("reason");
        dossiers.updateStatus(number, status);
        dossiers.recordEvent(number, Actors.lastTaskCompleter(execution), status,
                reason == null ? call.statusLabel(status) : reason.toString());
    }
}
