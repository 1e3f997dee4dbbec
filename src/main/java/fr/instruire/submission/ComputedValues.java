package fr.instruire.submission;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.camunda.spin.plugin.variable.value.impl.JsonValueImpl;

/**
 * The {@link TaskFormValues} of one task during one command: the names asked once, the values computed at most once,
 * only if a name the command is about is one of them.
 */
final class ComputedValues {

    static final String JSON_FORMAT = "application/json";

    private final DelegateTask task;
    private final List<TaskFormValues> providers;
    private Set<String> names;
    private Map<String, TypedValue> values;

    ComputedValues(DelegateTask task, List<TaskFormValues> providers) {
        this.task = task;
        this.providers = providers;
    }

    Set<String> names() {
        if (names == null) {
            names = new LinkedHashSet<>();
            providers.forEach(p -> names.addAll(p.names(task)));
        }
        return names;
    }

    boolean computes(String name) {
        return names().contains(name);
    }

    /** The values, each as a JSON value not deserialised (as a stored one read with {@code deserializeValues=false}). */
    Map<String, TypedValue> values() {
        if (values == null) {
            values = new LinkedHashMap<>();
            for (var provider : providers) {
                var asked = provider.names(task);
                if (!asked.isEmpty()) {
                    provider.values(task).forEach((name, value) -> {
                        if (asked.contains(name)) {
                            values.put(name, as(value, false));
                        }
                    });
                }
            }
        }
        return values;
    }

    TypedValue get(String name) {
        return computes(name) ? values().get(name) : null;
    }

    /**
     * A value as the engine gives a stored variable of its type: a JSON value deserialised (its {@code SpinJsonNode}
     * and its text) when the reader asked for values, else its text only — what Tasklist reads with
     * {@code deserializeValues=false}, type {@code Json}, {@code serializationDataFormat} {@code application/json}.
     */
    static TypedValue as(TypedValue value, boolean deserialize) {
        if (value instanceof JsonValue json) {
            var text = json.isDeserialized() && json.getValue() != null ? json.getValue().toString() : json.getValueSerialized();
            return deserialize ? new JsonValueImpl(Spin.JSON(text), text, JSON_FORMAT, true) : new JsonValueImpl(text, JSON_FORMAT);
        }
        return value;
    }
}
