package fr.instruire.calls.facilisoins;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;
import fr.instruire.campaign.CampaignDocuments;
import fr.instruire.campaign.Campaigns;
import fr.instruire.campaign.ProcessCampaign;

/**
 * {@code sendMessageToSelected}, input {@code messageName}: correlates that message to every SELECTED dossier of the
 * campaign (the instance's business key; each dossier: business key = dossier number, variable {@code campaignKey}), carrying the campaign's recorded arrêté:
 * {@code arreteReference} and {@code arreteDate} (the day in French, « 15 avril 2022 », as the dossier's status reason
 * « Arrêté … du … » reads it). No arrêté recorded → exception → incident. One job: if one dossier cannot be reached,
 * none is, and the job retries until an incident.
 */
@Component("sendMessageToSelected")
class SendMessageToSelectedDelegate implements JavaDelegate {

    private final Dossiers dossiers;
    private final RuntimeService runtime;
    private final CampaignDocuments documents;
    private final Campaigns campaigns;
    private final ProcessCampaign campaign;

    SendMessageToSelectedDelegate(Dossiers dossiers, RuntimeService runtime, CampaignDocuments documents, Campaigns campaigns,
                                  ProcessCampaign campaign) {
        this.dossiers = dossiers;
        this.runtime = runtime;
        this.documents = documents;
        this.campaigns = campaigns;
        this.campaign = campaign;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var message = (String) execution.getVariable("messageName");
        if (message == null || message.isBlank()) {
            throw new IllegalStateException("Entrée « messageName » manquante");
        }
        var campaignKey = campaign.ofCampaignInstance(execution);
        var zone = campaigns.get(campaignKey).timeZone();
        var arrete = documents.record(campaignKey, Arrete.KIND).orElseThrow(() -> new IllegalStateException(
                "Aucun arrêté enregistré pour la campagne " + campaignKey + " : les expérimentations ne peuvent être lancées"));
        var arreteDate = French.day(arrete.date().atStartOfDay(zone).toInstant(), zone);
        for (var dossier : dossiers.inCampaign(campaignKey, DossierStatus.SELECTED)) {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(dossier.number())
                    .processInstanceVariableEquals("campaignKey", campaignKey)
                    .setVariable("arreteReference", arrete.reference())
                    .setVariable("arreteDate", arreteDate)
                    .correlate();
        }
    }
}
