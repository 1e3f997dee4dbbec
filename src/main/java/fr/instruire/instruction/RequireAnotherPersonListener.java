package fr.instruire.instruction;

import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * {@code requireAnotherPerson}, complete listener: four eyes on a joint step. Input of the activity:
 * {@code anotherPersonThan}, the task(s) of the same process (comma-separated ids) whose latest completion this one
 * checks; whoever completed it may not complete this one — a member of both teams (the national team and the DGCS)
 * cannot assess a recevabilité and validate it. Groups do not decide here: the person does, as the history names them.
 */
@Component("requireAnotherPerson")
public class RequireAnotherPersonListener implements TaskListener {

    static final String TASKS = "anotherPersonThan";

    @Override
    public void notify(DelegateTask task) {
        var tasks = task.getVariable(TASKS);
        if (tasks == null || tasks.toString().isBlank()) {
            throw new IllegalStateException("requireAnotherPerson : l'entrée anotherPersonThan manque à " + task.getTaskDefinitionKey());
        }
        var person = Actors.completer(task);
        if (Actors.SYSTEM.equals(person)) {
            return;
        }
        var keys = Arrays.stream(tasks.toString().split(",")).map(String::strip).filter(k -> !k.isEmpty()).toArray(String[]::new);
        var history = task.getProcessEngineServices().getHistoryService();
        var previous = history.createHistoricTaskInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).taskDefinitionKeyIn(keys).finished()
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1);
        if (previous.isEmpty()) {
            return;
        }
        var done = previous.get(0);
        // who completed it: the engine's log of the completion (the signed-in user), or the task's assignee
        boolean same = person.equals(done.getAssignee()) || history.createUserOperationLogQuery().taskId(done.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).userId(person).count() > 0;
        if (same) {
            throw new TaskRefusal("Vous avez vous-même réalisé l'étape « " + done.getName() + " » de ce dossier : "
                    + "une autre personne doit la valider.");
        }
    }
}
