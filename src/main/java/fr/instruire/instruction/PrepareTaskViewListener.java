package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a reviewer's task is created, puts what its form shows of the dossier in task-local variables: they live
 * as long as the task, and the process keeps only the dossier's number. The view reads {@code grantAmount} (the
 * funding decision's result) and the task's optional input {@code paymentSchedule} (a list of {percent, when}).
 */
@Component("prepareTaskView")
class PrepareTaskViewListener implements TaskListener {

    private final TaskViews views;

    PrepareTaskViewListener(TaskViews views) {
        this.views = views;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariablesLocal(views.of(task.getExecution().getProcessBusinessKey(), task).variables());
    }
}
