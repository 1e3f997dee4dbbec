package fr.instruire.calls.facilisoins;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;
import fr.instruire.campaign.ProcessCampaign;

/**
 * {@code recordArrete}, complete listener: form variables {@code arreteDate} (date) and {@code arreteReference}
 * (text), both required; kept with the campaign ({@code campaign_record}, kind ARRETE) and in the history of each
 * SELECTED dossier.
 */
@Component("recordArrete")
class RecordArreteListener implements TaskListener {

    private final Arrete arrete;
    private final ProcessCampaign campaign;

    RecordArreteListener(Arrete arrete, ProcessCampaign campaign) {
        this.arrete = arrete;
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            arrete.record(campaign.ofCampaignInstance(task), task.getVariable("arreteDate"),
                    task.getVariable("arreteReference"), Actors.completer(task));
        } catch (IllegalArgumentException e) {
            throw new TaskRefusal(e.getMessage());
        }
    }
}
