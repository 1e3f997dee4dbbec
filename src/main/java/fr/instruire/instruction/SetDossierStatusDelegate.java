package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Puts the dossier in the status the model names (input {@code status}, a DossierStatus code), recording the
 * model's {@code reason} in its history.
 */
@Component("setDossierStatus")
class SetDossierStatusDelegate implements JavaDelegate {

    private final Dossiers dossiers;

    SetDossierStatusDelegate(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var status = DossierStatus.valueOf((String) execution.getVariableLocal("status"));
        var reason = execution.getVariableLocal("reason");
        dossiers.updateStatus(number, status);
        dossiers.recordEvent(number, Actors.lastTaskCompleter(execution), status.name(),
                reason == null ? status.label() : reason.toString());
    }
}
