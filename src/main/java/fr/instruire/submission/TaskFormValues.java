package fr.instruire.submission;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Values a task's form reads that the server computes from its own tables when they are read, and never stores in a
 * process variable (a committee's list, a national selection's agenda). A Spring bean implementing it is consulted
 * inside the engine's command, for the task the command is about:
 * <ul>
 * <li>when a user reads the task's variables — its form variables (Tasklist: {@code GET task/{id}/form-variables}),
 * {@code GET task/{id}/variables}, one variable, or the same through the Java API — the values are added to what the
 * command returns, in place of any stored variable of the same name;</li>
 * <li>when a submission is checked against the task's form, a read-only field or a dynamic list's prepared rows are
 * compared with these values, computed at that moment.</li>
 * </ul>
 * Task-local reads ({@code localVariables}) and runtime or history queries do not see them: they are no variables.
 */
public interface TaskFormValues {

    /** The task-local variable a create listener sets to say which computed values its task shows (its kind). */
    String MARKER = "agenda";

    /** Marks a task as showing the values of {@code kind}: they are then computed whenever its form is read. */
    static void mark(DelegateTask task, String kind) {
        task.setVariableLocal(MARKER, kind);
    }

    /** Whether the task was marked with {@code kind}. */
    static boolean marked(DelegateTask task, String kind) {
        return kind.equals(task.getVariableLocal(MARKER));
    }

    /** The names of the values computed for this task; empty when none. Cheap: decided from a task-local marker. */
    Set<String> names(DelegateTask task);

    /**
     * The values, computed now: lists as JSON values ({@code SpinValues.jsonValue}), numbers and texts as such. Must not
     * write anything.
     */
    Map<String, TypedValue> values(DelegateTask task);
}
