package fr.instruire.calls.facilisoins;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import fr.instruire.campaign.ProcessCampaign;

/**
 * {@code produceArreteAnnex}: the arrêté's annex (list of the SELECTED dossiers' establishments) as PDF and CSV, kept
 * with the campaign ({@code campaign_document}, kinds ARRETE_ANNEX_PDF and ARRETE_ANNEX_CSV), replaced on a retry;
 * sets {@code arreteAnnexPdfId} and {@code arreteAnnexCsvId} (download: {@code /campaigns/{key}/documents/{id}}).
 * Fails, and the job ends in an incident, if no arrêté has been recorded ({@code recordArrete}).
 */
@Component("produceArreteAnnex")
class ProduceArreteAnnexDelegate implements JavaDelegate {

    private final ArreteAnnex annex;
    private final ProcessCampaign campaign;

    ProduceArreteAnnexDelegate(ArreteAnnex annex, ProcessCampaign campaign) {
        this.annex = annex;
        this.campaign = campaign;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var produced = annex.produce(campaign.ofCampaignInstance(execution));
        execution.setVariable("arreteAnnexPdfId", produced.pdfId());
        execution.setVariable("arreteAnnexCsvId", produced.csvId());
    }
}
