package fr.instruire.submission;

import static fr.instruire.submission.EngineFields.field;
import static fr.instruire.submission.EngineFields.read;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * A command of the engine that writes a task's variables, read as what it would write: the task, the variables,
 * the variables it would remove, and whether it completes the task. The engine's commands keep these in protected
 * fields; they are read by reflection, resolved once at start (a missing field fails the start, not a request).
 */
record TaskCommand(Kind kind, String taskId, Map<String, ?> variables, Collection<String> removals) {

    enum Kind {
        /** completes the task with its variables: the form's required fields must be there */
        COMPLETE,
        /** writes variables of the task without completing it */
        WRITE,
        /** ends the task through an error or an escalation, which no form of Instruire offers */
        THROW
    }

    private static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");
    private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
    private static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");
    private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
    private static final Field VARIABLE_ENTITY = field(AbstractVariableCmd.class, "entityId");
    private static final Field SET_VARIABLES = field(AbstractSetVariableCmd.class, "variables");
    private static final Field REMOVED_VARIABLES = field(AbstractRemoveVariableCmd.class, "variableNames");
    private static final Field PATCH_ENTITY = field(AbstractPatchVariablesCmd.class, "entityId");
    private static final Field PATCH_VARIABLES = field(AbstractPatchVariablesCmd.class, "variables");
    private static final Field PATCH_DELETIONS = field(AbstractPatchVariablesCmd.class, "deletions");
    private static final Field ERROR_TASK = field(HandleTaskBpmnErrorCmd.class, "taskId");
    private static final Field ESCALATION_TASK = field(HandleTaskEscalationCmd.class, "taskId");

    /** The task variables a command would write, or empty for a command that writes none. */
    static Optional<TaskCommand> of(Command<?> command) {
        // CompleteTaskCmd covers ResolveTaskCmd, its subclass
        if (command instanceof CompleteTaskCmd) {
            return Optional.of(new TaskCommand(Kind.COMPLETE, read(COMPLETE_TASK, command), read(COMPLETE_VARIABLES, command), List.of()));
        }
        if (command instanceof SubmitTaskFormCmd) {
            return Optional.of(new TaskCommand(Kind.COMPLETE, read(SUBMIT_TASK, command), read(SUBMIT_VARIABLES, command), List.of()));
        }
        if (command instanceof SetTaskVariablesCmd) {
            return Optional.of(new TaskCommand(Kind.WRITE, read(VARIABLE_ENTITY, command), read(SET_VARIABLES, command), List.of()));
        }
        if (command instanceof RemoveTaskVariablesCmd) {
            return Optional.of(new TaskCommand(Kind.WRITE, read(VARIABLE_ENTITY, command), Map.of(), read(REMOVED_VARIABLES, command)));
        }
        if (command instanceof PatchTaskVariablesCmd) {
            return Optional.of(new TaskCommand(Kind.WRITE, read(PATCH_ENTITY, command), read(PATCH_VARIABLES, command),
                    read(PATCH_DELETIONS, command)));
        }
        if (command instanceof HandleTaskBpmnErrorCmd) {
            return Optional.of(new TaskCommand(Kind.THROW, read(ERROR_TASK, command), Map.of(), List.of()));
        }
        if (command instanceof HandleTaskEscalationCmd) {
            return Optional.of(new TaskCommand(Kind.THROW, read(ESCALATION_TASK, command), Map.of(), List.of()));
        }
        return Optional.empty();
    }

    TaskCommand {
        variables = variables == null ? Map.of() : variables;
        removals = removals == null ? List.of() : removals;
    }
}
