package fr.instruire.campaign;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;

/**
 * {@code sendMessageToSelected}, input {@code messageName}: correlates that message to every SELECTED dossier of the
 * campaign (business key = dossier number, variable {@code campaignKey}). One job: if one dossier cannot be reached,
 * none is, and the job retries until an incident.
 */
@Component("sendMessageToSelected")
class SendMessageToSelectedDelegate implements JavaDelegate {

    private final Dossiers dossiers;
    private final RuntimeService runtime;

    SendMessageToSelectedDelegate(Dossiers dossiers, RuntimeService runtime) {
        this.dossiers = dossiers;
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var message = (String) execution.getVariable("messageName");
        if (message == null || message.isBlank()) {
            throw new IllegalStateException("Entrée « messageName » manquante");
        }
        var campaignKey = (String) execution.getVariable("campaignKey");
        for (var dossier : dossiers.inCampaign(campaignKey, DossierStatus.SELECTED)) {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(dossier.number())
                    .processInstanceVariableEquals("campaignKey", campaignKey)
                    .correlate();
        }
    }
}
