package fr.instruire.submission;

import static fr.instruire.submission.EngineFields.field;
import static fr.instruire.submission.EngineFields.read;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cmd.AbstractGetFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Adds the {@link TaskFormValues} to what a command reading a task's variables returns, once the command has run —
 * so the engine has checked that the user may read the task — and without writing them: the task's form variables
 * ({@link GetTaskFormVariablesCmd}, what Tasklist reads for a Camunda Form: {@code GET task/{id}/form-variables?deserializeValues=false}),
 * its variables ({@link GetTaskVariablesCmd}: {@code GET task/{id}/variables}, {@code TaskService.getVariables}) and one
 * variable ({@link GetTaskVariableCmd}, {@link GetTaskVariableCmdTyped}: {@code GET task/{id}/variables/{name}}). A
 * computed value replaces a stored variable of the same name; the names a command asks for are respected; task-local
 * reads are left alone (the values are not the task's local variables). Only the outermost command of a call is
 * completed: a listener reading a variable inside a completion reads what was submitted.
 */
class TaskFormValuesInterceptor extends CommandInterceptor {

    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private static final Field FORM_DESERIALIZE = field(AbstractGetFormVariablesCmd.class, "deserializeObjectValues");
    private static final Field VARIABLES_TASK = field(GetTaskVariablesCmd.class, "taskId");
    private static final Field VARIABLES_NAMES = field(GetTaskVariablesCmd.class, "variableNames");
    private static final Field VARIABLES_LOCAL = field(GetTaskVariablesCmd.class, "isLocal");
    private static final Field VARIABLES_DESERIALIZE = field(GetTaskVariablesCmd.class, "deserializeValues");
    private static final Field VARIABLE_TASK = field(GetTaskVariableCmd.class, "taskId");
    private static final Field VARIABLE_NAME = field(GetTaskVariableCmd.class, "variableName");
    private static final Field VARIABLE_LOCAL = field(GetTaskVariableCmd.class, "isLocal");
    private static final Field TYPED_TASK = field(GetTaskVariableCmdTyped.class, "taskId");
    private static final Field TYPED_NAME = field(GetTaskVariableCmdTyped.class, "variableName");
    private static final Field TYPED_LOCAL = field(GetTaskVariableCmdTyped.class, "isLocal");
    private static final Field TYPED_DESERIALIZE = field(GetTaskVariableCmdTyped.class, "deserializeValue");

    private final Supplier<List<TaskFormValues>> providers;

    TaskFormValuesInterceptor(Supplier<List<TaskFormValues>> providers) {
        this.providers = providers;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T execute(Command<T> command) {
        int depth = DEPTH.get();
        DEPTH.set(depth + 1);
        try {
            var result = next.execute(command);
            return depth == 0 ? (T) withComputedValues(command, result) : result;
        } finally {
            if (depth == 0) {
                DEPTH.remove();
            } else {
                DEPTH.set(depth);
            }
        }
    }

    private Object withComputedValues(Command<?> command, Object result) {
        if (command instanceof GetTaskFormVariablesCmd form) {
            addTo((VariableMap) result, form.resourceId, form.formVariableNames, read(FORM_DESERIALIZE, form));
        } else if (command instanceof GetTaskVariablesCmd variables && !(Boolean) read(VARIABLES_LOCAL, variables)) {
            addTo((VariableMap) result, read(VARIABLES_TASK, variables), read(VARIABLES_NAMES, variables),
                    read(VARIABLES_DESERIALIZE, variables));
        } else if (command instanceof GetTaskVariableCmdTyped typed && !(Boolean) read(TYPED_LOCAL, typed)) {
            var value = computed(read(TYPED_TASK, typed), read(TYPED_NAME, typed));
            return value == null ? result : ComputedValues.as(value, read(TYPED_DESERIALIZE, typed));
        } else if (command instanceof GetTaskVariableCmd variable && !(Boolean) read(VARIABLE_LOCAL, variable)) {
            var value = computed(read(VARIABLE_TASK, variable), read(VARIABLE_NAME, variable));
            return value == null ? result : ComputedValues.as(value, true).getValue();
        }
        return result;
    }

    private void addTo(VariableMap result, String taskId, Collection<String> names, boolean deserialize) {
        var computed = values(taskId);
        if (result == null || computed == null || computed.names().isEmpty()) {
            return;
        }
        for (var name : computed.names()) {
            if (names == null || names.contains(name)) {
                var value = computed.get(name);
                if (value != null) {
                    result.putValueTyped(name, ComputedValues.as(value, deserialize));
                }
            }
        }
    }

    private TypedValue computed(String taskId, String name) {
        var computed = values(taskId);
        return computed == null ? null : computed.get(name);
    }

    private ComputedValues values(String taskId) {
        var task = taskId == null ? null : Context.getCommandContext().getTaskManager().findTaskById(taskId);
        return task == null ? null : new ComputedValues(task, providers.get());
    }
}
