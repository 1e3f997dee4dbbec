package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.submission.FormRows;

/**
 * Checks the whole of a sitting's decisions before any is sent and writes {@code decidedDossiers}, the numbers of
 * the dossiers to send a decision to. The campaign is the instance's business key, never a variable; each decided
 * dossier must be of that campaign and INSTRUCTED, once, with a known decision, and the other fields its row has in the
 * step's form (read from the forms deployed with the instance's definition) must be recordable as facts — otherwise the
 * job fails into an incident and no decision is sent.
 */
@Component("checkCommitteeDecisions")
class CheckCommitteeDecisionsDelegate implements JavaDelegate {

    static final String DECIDED_DOSSIERS = "decidedDossiers";

    private final DecisionTransmission transmission;
    private final ProcessCampaign campaign;

    CheckCommitteeDecisionsDelegate(DecisionTransmission transmission, ProcessCampaign campaign) {
        this.transmission = transmission;
        this.campaign = campaign;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(DECIDED_DOSSIERS, transmission.decidedDossiers(campaign.ofCampaignInstance(execution),
                execution.getVariable(CommitteeDecision.COMMITTEE_DECISIONS),
                FormRows.of(execution.getProcessDefinitionId(), CommitteeDecision.COMMITTEE_DECISIONS)));
    }
}
