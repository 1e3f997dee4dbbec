package fr.instruire.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The house rules for every model under {@code bpmn/}, checked the way Cockpit and Tasklist will meet them: drawn,
 * deployable (history time to live), reviewers' tasks with an existing form and someone to do them, readable ids,
 * and deliberate transaction boundaries. A nested class proves each check fails on a broken copy of a real model.
 */
class ModelConformanceTest {

    private static final Path MODELS = Path.of("bpmn");
    private static final Path FORMS = Path.of("forms");
    /** The test-only call (appel-essai) is held to the same rules: it is the worked example of docs/adding-a-call.md. */
    private static final Path TEST_MODELS = Path.of("src/test/resources/bpmn");
    private static final Path TEST_FORMS = Path.of("src/test/resources/forms");
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    /** Modeler's generated ids ({@code Activity_0x8k2ab}, {@code Flow_1abc2de}) and old defaults ({@code Task_1}). */
    private static final List<Pattern> GENERATED_IDS = List.of(
            Pattern.compile("_(?=[0-9a-z]*[0-9])[0-9a-z]{7}$"),
            Pattern.compile("^[A-Za-z]+_\\d+$"));

    static Stream<Path> models() throws IOException {
        var models = new ArrayList<Path>();
        for (var root : List.of(MODELS, TEST_MODELS)) {
            try (var files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".bpmn")).sorted().forEach(models::add);
            }
        }
        return models.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyFlowNodeAndSequenceFlowIsDrawn(Path file) {
        assertThat(undrawn(read(file))).as("elements without BPMNShape/BPMNEdge in %s", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyUserTaskHasADeployedFormAndCandidates(Path file) {
        assertThat(userTaskProblems(read(file), formIds())).as("user tasks of %s", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyProcessHasAHistoryTimeToLive(Path file) {
        assertThat(processesWithoutHistoryTimeToLive(read(file))).as("processes of %s", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void noIdLooksGenerated(Path file) {
        assertThat(generatedIds(read(file))).as("generated-looking ids in %s", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyServiceTaskRunsInItsOwnJobWithRetries(Path file) {
        var model = read(file);
        assertThat(serviceTasksNotAsyncBefore(model)).as("service tasks without asyncBefore in %s", file).isEmpty();
        assertThat(asyncWithoutRetryCycle(model)).as("async steps without failedJobRetryTimeCycle in %s", file)
                .isEmpty();
    }

    // --- the checks ------------------------------------------------------------------------------------------

    static List<String> undrawn(BpmnModelInstance model) {
        return Stream.concat(model.getModelElementsByType(FlowNode.class).stream(),
                        model.getModelElementsByType(SequenceFlow.class).stream())
                .filter(element -> element.getDiagramElement() == null)
                .map(BaseElement::getId)
                .toList();
    }

    static List<String> userTaskProblems(BpmnModelInstance model, Set<String> formIds) {
        var problems = new ArrayList<String>();
        for (var task : model.getModelElementsByType(UserTask.class)) {
            var formRef = task.getCamundaFormRef();
            if (isBlank(formRef)) {
                problems.add(task.getId() + " has no camunda:formRef");
            } else if (!formIds.contains(formRef)) {
                problems.add(task.getId() + ": formRef " + formRef + " matches no form under " + FORMS);
            }
            if (isBlank(task.getCamundaCandidateGroups()) && isBlank(task.getCamundaCandidateUsers())
                    && isBlank(task.getCamundaAssignee())) {
                problems.add(task.getId() + " has no candidate group, candidate user or assignee");
            }
        }
        return problems;
    }

    static List<String> processesWithoutHistoryTimeToLive(BpmnModelInstance model) {
        return model.getModelElementsByType(Process.class).stream()
                .filter(process -> isBlank(process.getCamundaHistoryTimeToLiveString()))
                .map(Process::getId)
                .toList();
    }

    static List<String> generatedIds(BpmnModelInstance model) {
        return model.getModelElementsByType(BaseElement.class).stream()
                .map(BaseElement::getId)
                .filter(id -> id != null && GENERATED_IDS.stream().anyMatch(p -> p.matcher(id).find()))
                .toList();
    }

    /** Each instance of a multi-instance task whose loop is asyncBefore runs in its own job too. */
    static List<String> serviceTasksNotAsyncBefore(BpmnModelInstance model) {
        return model.getModelElementsByType(ServiceTask.class).stream()
                .filter(task -> !task.isCamundaAsyncBefore()
                        && !(task.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop && loop.isCamundaAsyncBefore()))
                .map(ServiceTask::getId)
                .toList();
    }

    /** Without a retry cycle a failed job is retried three times at once, then stops: too soon for a mail server. */
    static List<String> asyncWithoutRetryCycle(BpmnModelInstance model) {
        return model.getModelElementsByType(FlowNode.class).stream()
                .filter(ModelConformanceTest::isAsync)
                .filter(node -> node.getExtensionElements() == null || node.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaFailedJobRetryTimeCycle.class).count() == 0)
                .map(FlowNode::getId)
                .toList();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static BpmnModelInstance read(Path file) {
        return Bpmn.readModelFromFile(file.toFile());
    }

    private static Set<String> formIds() {
        var json = new ObjectMapper();
        try (var files = Stream.concat(Files.walk(FORMS), Files.walk(TEST_FORMS))) {
            return files.filter(f -> f.toString().endsWith(".form"))
                    .map(f -> {
                        try {
                            return json.readTree(f.toFile()).path("id").asText();
                        } catch (IOException e) {
                            throw new UncheckedIOException("unreadable form " + f, e);
                        }
                    })
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read as attributes: the typed accessors throw for elements that cannot be asynchronous (event gateways). */
    private static boolean isAsync(FlowNode node) {
        return Stream.of("asyncBefore", "asyncAfter", "async")
                .anyMatch(attribute -> "true".equals(node.getAttributeValueNs(CAMUNDA_NS, attribute)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Each check, applied to a deliberately broken copy of a real model, reports the broken element. */
    @Nested
    class EachCheckCatches {

        private static final Path DOSSIER = MODELS.resolve("esms-numerique/esms-numerique-dossier.bpmn");
        private static final String USER_TASK = "Activity_VerifierRecevabilite";
        private static final String SERVICE_TASK = "Activity_DemanderComplements";

        @Test
        void aFlowNodeWithoutShape() {
            assertThat(brokenBy(model -> removeDiagramElementOf(model, USER_TASK), ModelConformanceTest::undrawn))
                    .containsExactly(USER_TASK);
        }

        @Test
        void aSequenceFlowWithoutEdge() {
            assertThat(brokenBy(model -> removeDiagramElementOf(model, "Flow_Recevable"),
                    ModelConformanceTest::undrawn)).containsExactly("Flow_Recevable");
        }

        @Test
        void aUserTaskWithoutForm() {
            assertThat(brokenBy(model -> userTask(model).removeAttributeNs(CAMUNDA_NS, "formRef"),
                    model -> userTaskProblems(model, formIds()))).singleElement().asString().contains(USER_TASK);
        }

        @Test
        void aUserTaskWhoseFormDoesNotExist() {
            assertThat(brokenBy(model -> userTask(model).setCamundaFormRef("esms-numerique-recevabilite-v2"),
                    model -> userTaskProblems(model, formIds()))).singleElement().asString().contains(USER_TASK);
        }

        @Test
        void aUserTaskNobodyCanDo() {
            assertThat(brokenBy(model -> userTask(model).removeAttributeNs(CAMUNDA_NS, "candidateGroups"),
                    model -> userTaskProblems(model, formIds()))).singleElement().asString().contains(USER_TASK);
        }

        @Test
        void aProcessWithoutHistoryTimeToLive() {
            assertThat(brokenBy(model -> model.getModelElementsByType(Process.class).iterator().next()
                            .removeAttributeNs(CAMUNDA_NS, "historyTimeToLive"),
                    ModelConformanceTest::processesWithoutHistoryTimeToLive)).containsExactly("esms-numerique-dossier");
        }

        @Test
        void generatedIds() {
            assertThat(brokenBy(model -> {
                userTask(model).setId("Activity_0x8k2ab");
                model.<BaseElement>getModelElementById(SERVICE_TASK).setId("Task_1");
                model.<BaseElement>getModelElementById("Flow_Recevable").setId("Flow_1abc2de");
            }, ModelConformanceTest::generatedIds)).containsExactlyInAnyOrder("Activity_0x8k2ab", "Task_1", "Flow_1abc2de");
        }

        @Test
        void aServiceTaskNotAsyncBefore() {
            assertThat(brokenBy(model -> model.<ServiceTask>getModelElementById(SERVICE_TASK).setCamundaAsyncBefore(false),
                    ModelConformanceTest::serviceTasksNotAsyncBefore)).containsExactly(SERVICE_TASK);
        }

        @Test
        void anAsyncStepWithoutRetryCycle() {
            assertThat(brokenBy(model -> {
                var task = model.<ServiceTask>getModelElementById(SERVICE_TASK);
                task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                        .list().forEach(cycle -> task.getExtensionElements().removeChildElement(cycle));
            }, ModelConformanceTest::asyncWithoutRetryCycle)).containsExactly(SERVICE_TASK);
        }

        private List<String> brokenBy(Consumer<BpmnModelInstance> breakIt,
                                      Function<BpmnModelInstance, List<String>> check) {
            var model = read(DOSSIER);
            assertThat(check.apply(model)).as("the real model passes this check").isEmpty();
            breakIt.accept(model);
            return check.apply(model);
        }

        private static UserTask userTask(BpmnModelInstance model) {
            return model.getModelElementById(USER_TASK);
        }

        private static void removeDiagramElementOf(BpmnModelInstance model, String id) {
            var diagramElement = model.<BaseElement>getModelElementById(id).getDiagramElement();
            diagramElement.getParentElement().removeChildElement(diagramElement);
        }
    }
}
