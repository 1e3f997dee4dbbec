package fr.instruire.system;

import java.util.Comparator;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/** Who did a step: the signed-in user, or the one who completed the task the step follows. */
public final class Actors {

    public static final String SYSTEM = "Instruire";

    private Actors() {
    }

    /** The user the engine is acting for (REST call, Tasklist), else the task's assignee, else the system. */
    public static String current(DelegateExecution execution, String assignee) {
        var auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        return assignee != null ? assignee : SYSTEM;
    }

    /**
     * Who completes a task: the signed-in user, made its assignee when they completed it without claiming it (REST) or
     * while someone else had claimed it, so that the history says who decided — never the name of another user.
     */
    public static String completer(org.camunda.bpm.engine.delegate.DelegateTask task) {
        var auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null && !auth.getUserId().equals(task.getAssignee())) {
            task.setAssignee(auth.getUserId());
        }
        return task.getAssignee() != null ? task.getAssignee() : SYSTEM;
    }

    /** In an async step after a user task: who completed the instance's latest task. */
    public static String lastTaskCompleter(DelegateExecution execution) {
        return execution.getProcessEngineServices().getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).finished().list().stream()
                .max(Comparator.comparing(HistoricTaskInstance::getEndTime))
                .map(t -> t.getAssignee() != null ? t.getAssignee() : SYSTEM)
                .orElse(SYSTEM);
    }
}
