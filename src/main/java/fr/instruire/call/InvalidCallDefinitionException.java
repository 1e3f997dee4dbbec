package fr.instruire.call;

import java.util.List;

/** A call's files that cannot be run: the start stops, with every error named by its file and key. */
public class InvalidCallDefinitionException extends IllegalStateException {

    private final List<String> errors;

    public InvalidCallDefinitionException(List<String> errors) {
        super("Description d'appel invalide :\n  - " + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
