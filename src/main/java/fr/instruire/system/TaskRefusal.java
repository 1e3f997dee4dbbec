package fr.instruire.system;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task's completion or variables refused by the server, with a French message the user reads (Tasklist shows it;
 * {@code /engine-rest} answers 400). Thrown inside the engine's command, it rolls the whole command back: nothing
 * the user submitted is written. Listeners and the submission contract throw it; the engine wraps a listener's
 * exception, and the submission contract unwraps it again so that the caller sees this message and a 400.
 */
public class TaskRefusal extends BadUserRequestException {

    public TaskRefusal(String message) {
        super(message);
    }
}
