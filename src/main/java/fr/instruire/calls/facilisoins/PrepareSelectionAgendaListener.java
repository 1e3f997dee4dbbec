package fr.instruire.calls.facilisoins;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import fr.instruire.submission.TaskFormValues;
import fr.instruire.campaign.ProcessCampaign;

/**
 * {@code prepareSelectionAgenda}, create listener of a national selection task: marks the task as showing a
 * selection agenda (task-local {@code agenda} = selection). Its form then reads {@code selectionList} (ranked by score),
 * {@code selectionBalance} (by region and public, with a total), {@code selectionPlaces} (campaign variable
 * {@code places}, default 30) and {@code selectionProposal} (pre-filled: the best {@code places} RETENU, the others
 * NON_RETENU), computed from the tables each time it is read ({@link SelectionAgenda}) —
 * never written into the campaign's instance. The instance's business key must name a campaign.
 */
@Component("prepareSelectionAgenda")
class PrepareSelectionAgendaListener implements TaskListener {

    private final ProcessCampaign campaign;

    PrepareSelectionAgendaListener(ProcessCampaign campaign) {
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        campaign.ofCampaignInstance(task);
        TaskFormValues.mark(task, SelectionAgenda.SELECTION);
    }
}
