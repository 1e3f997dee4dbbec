package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.submission.TaskFormValues;

/**
 * When a reviewer's task is created, marks it as showing its dossier's view ({@link TaskViews}): what its form shows
 * of the dossier is computed from the tables each time the form is read, nothing is stored but the mark, and the
 * process keeps only the dossier's number. The view reads {@code grantAmount} (the funding decision's result) and the
 * task's optional input {@code paymentSchedule} (a list of {percent, when}); a wrong schedule fails the task's creation.
 */
@Component("prepareTaskView")
class PrepareTaskViewListener implements TaskListener {

    private final TaskViews views;

    PrepareTaskViewListener(TaskViews views) {
        this.views = views;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskViews.PaymentStep.requireWhole(TaskViews.PaymentStep.list(task.getVariable(TaskViews.PAYMENT_SCHEDULE)));
        views.requireDossier(task.getExecution().getProcessBusinessKey());
        TaskFormValues.mark(task, TaskViews.DOSSIER);
    }
}
