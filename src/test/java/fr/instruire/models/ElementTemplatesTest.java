package fr.instruire.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Modeler's element templates (.camunda/element-templates, the folder process owners point Modeler at) and the
 * models agree: every template names a bean that exists, and every service task of every model was written by one —
 * its template's id, its bean, no input the template does not declare, in its own job.
 */
class ElementTemplatesTest {

    private static final Path FOLDER = Path.of(".camunda/element-templates");
    /** Template id → its template; bean → the template that calls it. */
    private static final Map<String, JsonNode> TEMPLATES = new HashMap<>();
    private static final Map<String, String> BY_BEAN = new HashMap<>();

    @BeforeAll
    static void readTheTemplates() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (var file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (var template : new ObjectMapper().readTree(file.toFile())) {
                    TEMPLATES.put(template.get("id").asText(), template);
                    delegate(template).ifPresent(bean -> BY_BEAN.put(bean, template.get("id").asText()));
                }
            }
        }
    }

    @Test
    void everyTemplateNamesABeanThatExists() {
        var beans = beans();
        assertThat(BY_BEAN.keySet()).as("the beans the templates call").isNotEmpty().allSatisfy(bean ->
                assertThat(beans).as("a Spring bean named %s", bean).contains(bean));
        assertThat(TEMPLATES.values()).allSatisfy(t -> {
            assertThat(t.get("name").asText()).startsWith("Instruire — ");
            assertThat(t.get("description").asText()).isNotBlank();
        });
    }

    @Test
    void everyServiceTaskOfEveryModelIsWrittenByItsTemplate() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
        }
        int tasks = 0;
        for (var file : models) {
            for (var task : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(ServiceTask.class)) {
                tasks++;
                var where = file + " " + task.getId();
                var bean = task.getCamundaDelegateExpression().replaceAll("^\\$\\{(\\w+)}$", "$1");
                assertThat(BY_BEAN).as(where + ": a template calls " + bean).containsKey(bean);
                var templateId = BY_BEAN.get(bean);
                assertThat(task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "modelerTemplate"))
                        .as(where).isEqualTo(templateId);
                var loop = task.getLoopCharacteristics() instanceof org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics mi
                        && mi.isCamundaAsyncBefore();
                assertThat(task.isCamundaAsyncBefore() || loop).as(where + " runs in its own job").isTrue();
                var declared = inputs(TEMPLATES.get(templateId));
                var used = task.getExtensionElements() == null ? List.<String>of()
                        : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
                        .flatMap(io -> io.getCamundaInputParameters().stream()).map(CamundaInputParameter::getCamundaName).toList();
                assertThat(declared).as(where + " declares only its template's inputs").containsAll(used);
            }
        }
        assertThat(tasks).isGreaterThan(90);
    }

    private static java.util.Optional<String> delegate(JsonNode template) {
        for (var p : template.get("properties")) {
            var binding = p.get("binding");
            if ("property".equals(binding.get("type").asText()) && "camunda:delegateExpression".equals(binding.get("name").asText())) {
                return java.util.Optional.of(p.get("value").asText().replaceAll("^\\$\\{(\\w+)}$", "$1"));
            }
        }
        return java.util.Optional.empty();
    }

    private static Set<String> inputs(JsonNode template) {
        var names = new HashSet<String>();
        template.get("properties").forEach(p -> {
            if ("camunda:inputParameter".equals(p.get("binding").get("type").asText())) {
                names.add(p.get("binding").get("name").asText());
            }
        });
        return names;
    }

    /** The names of the application's components, as Spring would register them. */
    private static Set<String> beans() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        var names = new HashSet<String>();
        for (var definition : scanner.findCandidateComponents("fr.instruire")) {
            var attributes = ((AnnotatedBeanDefinition) definition).getMetadata().getAnnotationAttributes(Component.class.getName());
            if (attributes != null && attributes.get("value") instanceof String name && !name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
