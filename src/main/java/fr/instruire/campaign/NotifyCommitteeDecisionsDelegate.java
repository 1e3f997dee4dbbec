package fr.instruire.campaign;

import java.util.HashSet;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Records each decision of the sitting and sends it to its dossier (message named by the model's
 * {@code decisionMessage} input), correlated on the dossier number and the campaign key. The campaign is the
 * instance's business key, never a variable; each decided dossier must be of that campaign and INSTRUCTED (waiting
 * for this decision), once — otherwise nothing is recorded nor sent: the job fails and ends in an incident. One job:
 * if one dossier cannot be reached, none is, and the job retries.
 */
@Component("notifyCommitteeDecisions")
class NotifyCommitteeDecisionsDelegate implements JavaDelegate {

    private final Dossiers dossiers;
    private final RuntimeService runtime;
    private final ProcessCampaign campaign;

    NotifyCommitteeDecisionsDelegate(Dossiers dossiers, RuntimeService runtime, ProcessCampaign campaign) {
        this.dossiers = dossiers;
        this.runtime = runtime;
        this.campaign = campaign;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var message = (String) execution.getVariable("decisionMessage");
        var campaignKey = campaign.ofCampaignInstance(execution);
        var actor = Actors.lastTaskCompleter(execution);
        var decisions = CommitteeDecision.read(execution.getVariable("committeeDecisions")).stream()
                .filter(CommitteeDecision::decided).toList();
        var seen = new HashSet<String>();
        for (var decision : decisions) {
            var number = decision.dossierNumber();
            var dossier = number == null ? null : dossiers.find(number).orElse(null);
            if (dossier == null || !dossier.campaignKey().equals(campaignKey) || dossier.status() != DossierStatus.INSTRUCTED
                    || !seen.add(number)) {
                throw new IllegalStateException("Campagne " + campaignKey + " : la décision sur « " + number
                        + " » ne porte pas sur un dossier instruit de la campagne (ou le nomme deux fois) ; aucune décision transmise");
            }
            if (!CommitteeDecision.DECISIONS.contains(decision.decision())) {
                throw new IllegalStateException("Campagne " + campaignKey + " : décision « " + decision.decision()
                        + " » inconnue pour le dossier " + number + " ; aucune décision transmise");
            }
        }
        for (var decision : decisions) {
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
