package fr.instruire.instruction;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/** When a reviewer completes « Instruire le dossier »: every criterion scored 0 to 5, and an opinion written. */
@Component("checkInstruction")
class CheckInstructionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        var missing = new ArrayList<String>();
        for (var criterion : RecordInstructionDelegate.CRITERIA) {
            if (!(task.getVariable(criterion) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.intValue() < 0 || n.intValue() > RecordInstructionDelegate.MAX_PER_CRITERION) {
                missing.add(criterion);
            }
        }
        if (!missing.isEmpty()) {
            throw new TaskRefusal("Notez chaque critère de priorisation de 0 à 5 (à corriger : " + String.join(", ", missing) + ").");
        }
        var comment = task.getVariable("instructionComment");
        if (comment == null || comment.toString().isBlank()) {
            throw new TaskRefusal("Rédigez l'avis d'instruction : il est présenté au comité.");
        }
        Actors.completer(task);
    }
}
