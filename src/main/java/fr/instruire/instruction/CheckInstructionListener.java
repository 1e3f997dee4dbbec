package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * When a reviewer completes « Instruire le dossier »: an opinion written, and the completer recorded. The marks are
 * the form's own fields, checked by the submission contract (whole numbers 0 to 5, all required), then scored by the
 * call's selection decision.
 */
@Component("checkInstruction")
class CheckInstructionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        var comment = task.getVariable("instructionComment");
        if (comment == null || comment.toString().isBlank()) {
            throw new TaskRefusal("Rédigez l'avis d'instruction : il est présenté au comité.");
        }
        Actors.completer(task);
    }
}
