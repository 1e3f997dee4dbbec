package fr.instruire.campaign;

import fr.instruire.submission.TaskFormValues;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a sitting opens, marks its task as showing the committee's agenda (task-local {@code agenda} = committee): its
 * form then reads {@code committeeList} and a pre-filled {@code committeeDecisions}, computed from the instance's
 * campaign's instructed dossiers each time it is read ({@link CommitteeAgenda}) — nothing is written into the
 * campaign's instance. The instance's business key must name a campaign.
 */
@Component("prepareCommitteeSitting")
class PrepareCommitteeSittingListener implements TaskListener {

    private final ProcessCampaign campaign;

    PrepareCommitteeSittingListener(ProcessCampaign campaign) {
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        campaign.ofCampaignInstance(task);
        TaskFormValues.mark(task, CommitteeAgenda.COMMITTEE);
    }
}
