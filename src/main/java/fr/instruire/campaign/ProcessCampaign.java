package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.Dossiers;

/**
 * The campaign a process instance works for, as the server knows it — never the {@code campaignKey} process variable,
 * which a submission could have written. A campaign instance's business key is its campaign's key (it must name a
 * campaign of the {@code campaign} table); a dossier instance's business key is its dossier's number, and the dossier's
 * row says its campaign. A model may keep reading the variable (a gateway, a correlation); Java reads this.
 */
@Component
public class ProcessCampaign {

    private final Campaigns campaigns;
    private final Dossiers dossiers;

    ProcessCampaign(Campaigns campaigns, Dossiers dossiers) {
        this.campaigns = campaigns;
        this.dossiers = dossiers;
    }

    /** The campaign of a campaign instance (a {@code <callId>-campaign} process). */
    public String ofCampaignInstance(DelegateExecution execution) {
        var key = execution.getProcessBusinessKey();
        return campaigns.find(key == null ? "" : key).map(Campaign::key).orElseThrow(() -> new IllegalStateException(
                "Instance " + execution.getProcessInstanceId() + " : sa clé métier « " + key + " » ne désigne aucune campagne"));
    }

    /** The campaign of the campaign instance a task belongs to. */
    public String ofCampaignInstance(DelegateTask task) {
        return ofCampaignInstance(task.getExecution());
    }

    /** The campaign of a dossier instance's dossier (a {@code <callId>-dossier} process). */
    public String ofDossierInstance(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        return dossiers.find(number == null ? "" : number).map(Dossier::campaignKey).orElseThrow(() -> new IllegalStateException(
                "Instance " + execution.getProcessInstanceId() + " : sa clé métier « " + number + " » ne désigne aucun dossier"));
    }
}
