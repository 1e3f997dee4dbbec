package fr.instruire.campaign;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code prepareSelectionAgenda}, create listener of a national selection task: puts the ranked list, the count
 * against the campaign variable {@code places} (default 30) and the balance by region and public in the form's
 * variables ({@code selectionList}, {@code selectionSummary}, {@code selectionBalance}) with the pre-filled
 * {@code committeeDecisions}. Kept current while the task is open, like the committee's agenda.
 */
@Component("prepareSelectionAgenda")
class PrepareSelectionAgendaListener implements TaskListener {

    private final CommitteeAgenda agenda;

    PrepareSelectionAgendaListener(CommitteeAgenda agenda) {
        this.agenda = agenda;
    }

    @Override
    public void notify(DelegateTask task) {
        agenda.prepareSelection(task, (String) task.getVariable("campaignKey"));
    }
}
