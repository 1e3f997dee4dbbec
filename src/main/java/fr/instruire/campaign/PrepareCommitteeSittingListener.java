package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When a sitting opens, puts the committee's agenda (the instructed dossiers of the instance's campaign) in the form's variables. */
@Component("prepareCommitteeSitting")
class PrepareCommitteeSittingListener implements TaskListener {

    private final CommitteeAgenda agenda;
    private final ProcessCampaign campaign;

    PrepareCommitteeSittingListener(CommitteeAgenda agenda, ProcessCampaign campaign) {
        this.agenda = agenda;
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        agenda.prepare(task, campaign.ofCampaignInstance(task));
    }
}
