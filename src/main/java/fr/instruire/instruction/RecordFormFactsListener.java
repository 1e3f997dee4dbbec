package fr.instruire.instruction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * {@code recordFormFacts}, complete listener of a user task: stores the variables named by the task's input
 * {@code facts} (a trailing {@code *} marks a required one) as the dossier's facts, and feeds the core columns named by
 * the optional input {@code coreFields} ({@code organisationName=raisonSociale,contactEmail=contactEmail}). A missing
 * required value refuses the completion with a French message. Both inputs are input mappings of the activity, read
 * with {@code task.getVariable}. Without a {@code facts} input (the écart's review), the answers to the task's form
 * fields are recorded as one history event instead.
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
        var step = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
        var facts = task.getVariable(FACTS);
        try {
            if (facts == null) {
                formFacts.recordAnswers(number, formFields(task), task::getVariable, Actors.completer(task), step);
                return;
            }
            formFacts.record(number, facts.toString(), (String) task.getVariable(CORE_FIELDS),
                    task::getVariable, Actors.completer(task), step);
        } catch (IllegalArgumentException e) {
            throw new TaskRefusal(e.getMessage());
        }
    }

    /** The fields of the task's deployed form (none when it has no Camunda form or it cannot be read). */
    private static List<String> formFields(DelegateTask task) {
        try (var form = task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId())) {
            return FormFacts.fieldKeys(new String(form.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
