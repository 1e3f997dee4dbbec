package fr.instruire.campaign;

import java.util.List;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Clock;

/**
 * {@code closePendingDossiers}, once the last sitting has decided: every dossier of the campaign still short of a
 * decision — registering, in its admissibility review, waiting for complements, under instruction — gets the message
 * the model names ({@code closingMessage}), so that its own model ends it with a decision and a notification
 * (« Les candidats non retenus recevront une notification de la décision »). A dossier whose model does not wait for
 * the message is left as it is; a retry reaches only those not reached yet (their models no longer wait). The campaign's
 * selection is closed: the intake refuses the dossiers filed after it, even while its deposit window is open.
 */
@Component("closePendingDossiers")
class ClosePendingDossiersDelegate implements JavaDelegate {

    /** Before a decision: what the last sitting could not decide. */
    static final List<String> PENDING = List.of(DossierStatus.RECEIVED, DossierStatus.SUBMITTED,
            DossierStatus.ADMISSIBILITY_REVIEW, DossierStatus.AWAITING_COMPLEMENTS, DossierStatus.UNDER_INSTRUCTION);

    private final Dossiers dossiers;
    private final ProcessCampaign campaign;
    private final Campaigns campaigns;

    ClosePendingDossiersDelegate(Dossiers dossiers, ProcessCampaign campaign, Campaigns campaigns) {
        this.dossiers = dossiers;
        this.campaign = campaign;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var key = campaign.ofCampaignInstance(execution);
        // from now on no dossier is filed that no committee could decide (the intake refuses it)
        campaigns.closeSelection(key, Clock.now());
        var message = String.valueOf(execution.getVariableLocal("closingMessage"));
        var runtime = execution.getProcessEngineServices().getRuntimeService();
        for (var status : PENDING) {
            for (var dossier : dossiers.inCampaign(key, status)) {
                try {
                    runtime.createMessageCorrelation(message).processInstanceBusinessKey(dossier.number())
                            .processInstanceVariableEquals("campaignKey", key).correlateWithResult();
                } catch (MismatchingMessageCorrelationException e) {
                    // its model does not wait for the closing (or was reached by an earlier attempt)
                }
            }
        }
    }
}
