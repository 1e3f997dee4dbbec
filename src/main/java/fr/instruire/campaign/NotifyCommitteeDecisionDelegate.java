package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.submission.FormRows;
import fr.instruire.system.Actors;

/**
 * Sends the sitting's decision to one dossier, the multi-instance's {@code dossierNumber}: records it — with the other
 * fields of its row in the step's form as the dossier's facts ({@link DecisionTransmission#transmit}) — and correlates
 * the message named by the model's {@code decisionMessage} input on the dossier number and the campaign (the
 * instance's business key). One job per dossier: a dossier that cannot be reached is retried alone.
 */
@Component("notifyCommitteeDecision")
class NotifyCommitteeDecisionDelegate implements JavaDelegate {

    private final DecisionTransmission transmission;
    private final ProcessCampaign campaign;

    NotifyCommitteeDecisionDelegate(DecisionTransmission transmission, ProcessCampaign campaign) {
        this.transmission = transmission;
        this.campaign = campaign;
    }

    @Override
    public void execute(DelegateExecution execution) {
        transmission.transmit(campaign.ofCampaignInstance(execution), (String) execution.getVariable("dossierNumber"),
                () -> execution.getVariable(CommitteeDecision.COMMITTEE_DECISIONS),
                FormRows.of(execution.getProcessDefinitionId(), CommitteeDecision.COMMITTEE_DECISIONS),
                Actors.lastTaskCompleter(execution), (String) execution.getVariable("decisionMessage"));
    }
}
