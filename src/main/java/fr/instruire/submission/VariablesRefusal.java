package fr.instruire.submission;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A task's variables written, outside a completion, beyond what its form asks: not the user's to write
 * ({@code /engine-rest} answers 403 with this French message).
 */
class VariablesRefusal extends AuthorizationException {

    VariablesRefusal(String message) {
        super(message);
    }
}
