package fr.instruire.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One of the repository's model files as the start is about to deploy it: the resource name the engine will give it,
 * its bytes, and the keys of the definitions it holds (executable processes, decisions, a form's id).
 */
record RepositoryModel(Resource resource, String name, byte[] content, Kind kind, List<String> keys) {

    enum Kind { PROCESS, DECISION, FORM, OTHER }

    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+(?=\\n|$)");
    private static final ObjectMapper JSON = new ObjectMapper();

    static RepositoryModel read(Resource resource) throws IOException {
        var name = resourceName(resource);
        byte[] content;
        try (var in = resource.getInputStream()) {
            content = in.readAllBytes();
        }
        var kind = name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") ? Kind.PROCESS
                : name.endsWith(".dmn") || name.endsWith(".dmn11.xml") ? Kind.DECISION
                : name.endsWith(".form") ? Kind.FORM : Kind.OTHER;
        return new RepositoryModel(resource, name, content, kind, keys(kind, content));
    }

    /** The name {@code SpringTransactionsProcessEngineConfiguration#autoDeployResources} gives the resource. */
    static String resourceName(Resource resource) {
        if (resource instanceof ContextResource context) {
            return context.getPathWithinContext();
        }
        if (resource instanceof ByteArrayResource) {
            return resource.getDescription();
        }
        try {
            return resource.getFile().getAbsolutePath();
        } catch (IOException notAFile) {
            return resource.getFilename();
        }
    }

    /** The file as a reader finds it in the repository: {@code bpmn/<call>/….bpmn} rather than an absolute path. */
    String file() {
        var slashed = "/" + name.replace('\\', '/');
        var at = Math.max(slashed.lastIndexOf("/bpmn/"), Math.max(slashed.lastIndexOf("/dmn/"), slashed.lastIndexOf("/forms/")));
        return at < 0 ? name : slashed.substring(at + 1);
    }

    /** Same model, whatever the line endings and the spaces at the end of lines. */
    boolean sameAs(byte[] other) {
        return normalised(content).equals(normalised(other));
    }

    static String normalised(byte[] content) {
        var text = new String(content, StandardCharsets.UTF_8).replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
        return TRAILING_SPACE.matcher(text).replaceAll("").strip();
    }

    /** A file that does not parse holds no key: the engine refuses it with its own message. */
    private static List<String> keys(Kind kind, byte[] content) {
        try {
            return switch (kind) {
                case PROCESS -> Bpmn.readModelFromStream(new ByteArrayInputStream(content))
                        .getModelElementsByType(Process.class).stream()
                        .filter(Process::isExecutable).map(Process::getId).toList();
                case DECISION -> Dmn.readModelFromStream(new ByteArrayInputStream(content))
                        .getModelElementsByType(Decision.class).stream().map(Decision::getId).toList();
                case FORM -> {
                    var id = JSON.readTree(content).path("id");
                    yield id.isTextual() ? List.of(id.asText()) : List.of();
                }
                case OTHER -> List.of();
            };
        } catch (RuntimeException | IOException unreadable) {
            return List.of();
        }
    }
}
