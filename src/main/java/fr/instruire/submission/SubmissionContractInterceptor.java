package fr.instruire.submission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

import com.fasterxml.jackson.databind.JsonNode;

import fr.instruire.system.TaskRefusal;

/**
 * Checks, inside the engine, that a command writing a task's variables writes only what the task's form asks
 * ({@link FormContract}), before the command runs: a refused submission writes nothing. Only the outermost command
 * of a call is checked — the commands that listeners and delegates run inside it are the server's own. Commands
 * without a user (jobs, the server's own calls) and an administrator's are not restricted. A read-only field and a
 * dynamic list's prepared rows are compared with what the task shows now: a {@link TaskFormValues} value computed at
 * this moment from the server's tables when there is one (a committee's list is never stored), else the variable.
 * <p>
 * It also unwraps a {@link TaskRefusal} that a task listener threw (the engine wraps listeners' exceptions in a
 * {@link ProcessEngineException}, which {@code /engine-rest} answers with 500), so that the user gets a 400 and the
 * listener's French message.
 */
class SubmissionContractInterceptor extends CommandInterceptor {

    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    /**
     * Contracts of forms bound to their deployment ({@code camunda:formRefBinding="deployment"} with a literal key):
     * such a task's form never changes for its process definition, so it is read and parsed once, not per submission.
     */
    private final java.util.Map<String, FormContract> deployedContracts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Supplier<List<TaskFormValues>> computedValues;

    SubmissionContractInterceptor(Supplier<List<TaskFormValues>> computedValues) {
        this.computedValues = computedValues;
    }

    @Override
    public <T> T execute(Command<T> command) {
        int depth = DEPTH.get();
        DEPTH.set(depth + 1);
        try {
            if (depth == 0) {
                TaskCommand.of(command).ifPresent(this::check);
            }
            return next.execute(command);
        } catch (ProcessEngineException e) {
            if (depth == 0 && !(e instanceof TaskRefusal) && refusal(e) != null) {
                throw refusal(e);
            }
            throw e;
        } finally {
            if (depth == 0) {
                DEPTH.remove();
            } else {
                DEPTH.set(depth);
            }
        }
    }

    private void check(TaskCommand command) {
        var context = Context.getCommandContext();
        var authentication = context.getAuthentication();
        if (authentication == null || authentication.getUserId() == null
                || context.getAuthorizationManager().isCamundaAdmin(authentication)) {
            return;
        }
        var task = command.taskId() == null ? null : context.getTaskManager().findTaskById(command.taskId());
        if (task == null) {
            return; // the command itself answers that the task does not exist
        }
        // a user who may not read the task learns nothing of it from the contract: the engine refuses first
        context.getProcessEngineConfiguration().getCommandCheckers().forEach(checker -> checker.checkReadTask(task));
        if (command.kind() == TaskCommand.Kind.THROW) {
            throw new VariablesRefusal("Une tâche d'Instruire se termine par son formulaire : une erreur ou une escalade "
                    + "ne peut pas être déclenchée depuis une tâche.");
        }
        var contract = contractOf(task, context);
        var submitted = new LinkedHashMap<String, JsonNode>();
        try {
            command.variables().forEach((name, value) -> submitted.put(name, SubmittedValue.read(name, value)));
        } catch (TaskRefusal e) {
            throw command.kind() == TaskCommand.Kind.WRITE ? new VariablesRefusal(e.getMessage()) : e;
        }
        var computed = new ComputedValues(task, computedValues.get());
        var errors = contract.violations(submitted, command.removals(), name -> current(task, computed, name),
                command.kind() == TaskCommand.Kind.COMPLETE);
        if (!errors.isEmpty() && command.kind() == TaskCommand.Kind.WRITE) {
            throw new VariablesRefusal("Variables refusées pour « " + task.getName() + " » : "
                    + errors.stream().collect(Collectors.joining(" ; ")) + ".");
        }
        if (!errors.isEmpty()) {
            throw new TaskRefusal("Soumission refusée pour « " + task.getName() + " » : "
                    + errors.stream().collect(Collectors.joining(" ; ")) + ".");
        }
    }

    private FormContract contractOf(TaskEntity task, CommandContext context) {
        var definition = task.getTaskDefinition();
        if (definition == null || definition.getCamundaFormDefinitionKey() == null && definition.getFormKey() == null) {
            return FormContract.NONE;
        }
        var formKey = definition.getCamundaFormDefinitionKey();
        if (formKey != null && "deployment".equals(definition.getCamundaFormDefinitionBinding())
                && !formKey.getExpressionText().contains("{")) {
            return deployedContracts.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                    key -> read(task, context));
        }
        return read(task, context);
    }

    private static FormContract read(TaskEntity task, CommandContext context) {
        try (var form = new GetDeployedTaskFormCmd(task.getId()).execute(context)) {
            return FormContract.read(form);
        } catch (java.io.IOException e) {
            throw new ProcessEngineException("Formulaire de la tâche illisible", e);
        }
    }

    /**
     * What the task shows now for {@code name}: the value the server computes when the form reads it (a committee's
     * rows, from the tables at this moment), else the stored variable.
     */
    private static JsonNode current(TaskEntity task, ComputedValues computed, String name) {
        var value = computed.computes(name) ? computed.get(name) : task.getVariableTyped(name, false);
        return SubmittedValue.read(name, value);
    }

    private static TaskRefusal refusal(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TaskRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }
}
