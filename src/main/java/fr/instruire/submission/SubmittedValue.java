package fr.instruire.submission;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import fr.instruire.system.TaskRefusal;

/**
 * A variable's value read as JSON, whatever way it came: a plain Java value (the Java API), an untyped or typed
 * value (REST), a JSON value (Spin, or an object serialised as {@code application/json}). Files, bytes and Java
 * serialisation are refused: no field of a form writes them.
 */
final class SubmittedValue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmittedValue() {
    }

    static JsonNode read(String name, Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof FileValue || value instanceof byte[] || value instanceof java.io.InputStream) {
            throw new TaskRefusal("« " + name + " » : aucun champ de formulaire n'accepte un fichier ici");
        }
        if (value instanceof SerializableValue serializable && serializable.getValueSerialized() != null
                && (!serializable.isDeserialized() || serializable.getValue() == null)) {
            var format = serializable.getSerializationDataFormat();
            if (format != null && !format.startsWith("application/json")) {
                throw new TaskRefusal("« " + name + " » : format « " + format + " » refusé, seul le JSON est accepté");
            }
            if (serializable instanceof ObjectValue object && object.getObjectTypeName() != null
                    && !object.getObjectTypeName().startsWith("java.util.")) {
                throw new TaskRefusal("« " + name + " » : type d'objet « " + object.getObjectTypeName() + " » refusé");
            }
            return parse(name, serializable.getValueSerialized());
        }
        if (value instanceof TypedValue typed) {
            return read(name, typed.getValue());
        }
        if (value instanceof SpinJsonNode node) {
            return parse(name, node.toString());
        }
        if (value instanceof Date date) {
            return TextNode.valueOf(date.toInstant().atOffset(ZoneOffset.UTC).toString());
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return JSON.valueToTree(value);
        }
        throw new TaskRefusal("« " + name + " » : type de valeur refusé (" + value.getClass().getSimpleName() + ")");
    }

    private static JsonNode parse(String name, String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new TaskRefusal("« " + name + " » : JSON illisible");
        }
    }
}
