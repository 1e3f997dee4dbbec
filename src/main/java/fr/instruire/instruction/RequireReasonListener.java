package fr.instruire.instruction;

import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.TaskRefusal;

/**
 * {@code requireReason}, complete listener: a reviewer who departs from the rules says why. Inputs of the activity:
 * {@code reasonField}, the form field holding the reason, and {@code reasonRequiredWhen}, the form's yes/no fields
 * (comma-separated) any of which, checked, makes the reason required. A missing reason refuses the completion.
 */
@Component("requireReason")
class RequireReasonListener implements TaskListener {

    static final String REASON_FIELD = "reasonField";
    static final String REQUIRED_WHEN = "reasonRequiredWhen";

    @Override
    public void notify(DelegateTask task) {
        var field = task.getVariable(REASON_FIELD);
        var when = task.getVariable(REQUIRED_WHEN);
        if (field == null || when == null) {
            throw new IllegalStateException("requireReason : les entrées reasonField et reasonRequiredWhen manquent à "
                    + task.getTaskDefinitionKey());
        }
        boolean departs = Arrays.stream(when.toString().split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .anyMatch(n -> "true".equals(String.valueOf(task.getVariable(n))));
        var reason = task.getVariable(field.toString());
        if (departs && (reason == null || reason.toString().isBlank())) {
            throw new TaskRefusal("Motivez votre choix : il s'écarte de la règle de l'appel (champ « motif » obligatoire).");
        }
    }
}
