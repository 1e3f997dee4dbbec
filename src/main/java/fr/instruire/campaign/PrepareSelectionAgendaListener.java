package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code prepareSelectionAgenda}, create listener of a national selection task: sets the form's variables
 * {@code selectionList} (ranked by score), {@code selectionBalance} (by region and public, with a total),
 * {@code selectionPlaces} (campaign variable {@code places}, default 30) and {@code selectionProposal} (pre-filled: the
 * best {@code places} RETENU, the others NON_RETENU). Kept current while the task is open, like the committee's agenda.
 */
@Component("prepareSelectionAgenda")
class PrepareSelectionAgendaListener implements TaskListener {

    private final CommitteeAgenda agenda;
    private final ProcessCampaign campaign;

    PrepareSelectionAgendaListener(CommitteeAgenda agenda, ProcessCampaign campaign) {
        this.agenda = agenda;
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        agenda.prepareSelection(task, campaign.ofCampaignInstance(task));
    }
}
