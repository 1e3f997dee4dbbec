package fr.instruire.submission;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;

import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;

/**
 * The fields of a dynamic list's rows as the deployed forms of a process definition's user tasks define them — for the
 * server's own use of what a form lets a step write (a committee's decisions carrying a rate or an amount per row).
 * Read inside an engine command (a delegate, a listener), from the forms deployed with the definition: a model
 * changes them, no Java does.
 */
public final class FormRows {

    /** What a form lets a row's field hold. */
    public enum Kind { TEXT, NUMBER, BOOLEAN, CHOICE, CHOICES, DATE, LIST }

    /** A row's field: its key, its label (French, as the form shows it), its kind, whether the user may write it. */
    public record RowField(String key, String label, Kind kind, boolean readonly) {
    }

    private FormRows() {
    }

    /**
     * The row fields of the dynamic lists at {@code path} in the forms of the user tasks of {@code processDefinitionId}
     * (a form referenced by an expression is not known before its task exists, and is left out). A key two forms define
     * keeps the first's definition.
     */
    public static List<RowField> of(String processDefinitionId, String path) {
        var context = Context.getCommandContext();
        if (context == null) {
            throw new IllegalStateException("FormRows se lit dans une commande du moteur (délégué, écouteur)");
        }
        var definition = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(processDefinitionId);
        var fields = new LinkedHashMap<String, RowField>();
        for (var task : definition.getTaskDefinitions().values()) {
            var key = task.getCamundaFormDefinitionKey();
            if (key == null || key.getExpressionText().contains("{")) {
                continue;
            }
            var reference = new CamundaFormRefImpl(key.getExpressionText(), task.getCamundaFormDefinitionBinding());
            var version = task.getCamundaFormDefinitionVersion();
            if (version != null && !version.getExpressionText().contains("{")) {
                reference.setVersion(Integer.valueOf(version.getExpressionText().strip()));
            }
            var form = new GetCamundaFormDefinitionCmd(reference, definition.getDeploymentId()).execute(context);
            var resource = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName());
            FormContract.read(new ByteArrayInputStream(resource.getBytes())).rows(path).values().forEach(field ->
                    fields.putIfAbsent(field.key(), new RowField(field.key(), field.label(),
                            Kind.valueOf(field.kind().name()), field.readonly())));
        }
        return List.copyOf(fields.values());
    }
}
