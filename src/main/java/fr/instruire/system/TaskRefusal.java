package fr.instruire.system;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task's completion refused by the server, with a French message the user reads (Tasklist shows it;
 * {@code /engine-rest} answers 400 — the REST API answers 400 to a form validation error, 500 to any other engine
 * exception, hence the superclass). Thrown inside the engine's command, it rolls the whole command back: nothing
 * the user submitted is written. Listeners and the submission contract throw it; the engine wraps a listener's
 * exception, and the submission contract unwraps it again so that the caller sees this message and a 400.
 */
public class TaskRefusal extends FormFieldValidationException {

    public TaskRefusal(String message) {
        super("instruire", message);
    }
}
