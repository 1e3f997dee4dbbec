package fr.instruire.instruction;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * {@code recordFormFacts}, complete listener of a user task: stores the variables named by the task's input
 * {@code facts} (a trailing {@code *} marks a required one) as the dossier's facts, and feeds the core columns named by
 * the optional input {@code coreFields} ({@code organisationName=raisonSociale,contactEmail=contactEmail}). A missing
 * required value refuses the completion with a French message.
 */
@Component("recordFormFacts")
class RecordFormFactsListener implements TaskListener {

    static final String FACTS = "facts";
    static final String CORE_FIELDS = "coreFields";

    private final FormFacts formFacts;

    RecordFormFactsListener(FormFacts formFacts) {
        this.formFacts = formFacts;
    }

    @Override
    public void notify(DelegateTask task) {
        var number = task.getExecution().getProcessBusinessKey();
        try {
            formFacts.record(number, (String) task.getVariable(FACTS), (String) task.getVariable(CORE_FIELDS),
                    task::getVariable, Actors.completer(task), task.getName() == null ? task.getTaskDefinitionKey() : task.getName());
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
    }
}
