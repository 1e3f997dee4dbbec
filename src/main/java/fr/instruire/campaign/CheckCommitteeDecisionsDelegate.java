package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks the whole of a sitting's decisions before any is sent and writes {@code decidedDossiers}, the numbers of
 * the dossiers to send a decision to. The campaign is the instance's business key, never a variable; each decided
 * dossier must be of that campaign and INSTRUCTED, once, with a known decision — otherwise the job fails into an
 * incident and no decision is sent.
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
                execution.getVariable("committeeDecisions")));
    }
}
