package fr.instruire.campaign;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Records each decision of the sitting and sends it to its dossier (message named by the model's
 * {@code decisionMessage} input), correlated on the dossier number and the campaign key. One job: if one dossier
 * cannot be reached, none is, and the job retries.
 */
@Component("notifyCommitteeDecisions")
class NotifyCommitteeDecisionsDelegate implements JavaDelegate {

    private final Dossiers dossiers;
    private final RuntimeService runtime;

    NotifyCommitteeDecisionsDelegate(Dossiers dossiers, RuntimeService runtime) {
        this.dossiers = dossiers;
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var message = (String) execution.getVariable("decisionMessage");
        var campaignKey = (String) execution.getVariable("campaignKey");
        var actor = Actors.lastTaskCompleter(execution);
        for (var decision : CommitteeDecision.read(execution.getVariable("committeeDecisions"))) {
            if (!decision.decided()) {
                continue;
            }
            var reason = decision.reason() == null ? "" : decision.reason().trim();
            dossiers.updateStatus(decision.dossierNumber(), decision.selected() ? DossierStatus.SELECTED : DossierStatus.NOT_SELECTED);
            dossiers.recordEvent(decision.dossierNumber(), actor, "COMMITTEE_DECISION",
                    (decision.selected() ? "Retenu" : "Non retenu") + (reason.isEmpty() ? "" : " — " + reason));
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(decision.dossierNumber())
                    .processInstanceVariableEquals("campaignKey", campaignKey)
                    .setVariable("selected", decision.selected())
                    .setVariable("committeeReason", reason)
                    .correlate();
        }
    }
}
