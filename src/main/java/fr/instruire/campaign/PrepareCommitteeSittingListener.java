package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When a sitting opens, puts the committee's agenda in the form's variables. */
@Component("prepareCommitteeSitting")
class PrepareCommitteeSittingListener implements TaskListener {

    private final CommitteeAgenda agenda;

    PrepareCommitteeSittingListener(CommitteeAgenda agenda) {
        this.agenda = agenda;
    }

    @Override
    public void notify(DelegateTask task) {
        agenda.prepare(task, (String) task.getVariable("campaignKey"));
    }
}
