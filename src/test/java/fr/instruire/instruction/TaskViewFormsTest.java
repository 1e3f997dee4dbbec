package fr.instruire.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.CallDefinitions;
import fr.instruire.call.FactDefinition;
import fr.instruire.call.FactType;
import fr.instruire.instruction.TaskViews.TaskView;

/**
 * The forms read what their task has: every {@code {{…}}} path, {@code #if}/{@code #loop} expression, table
 * {@code dataSource} and column of the dossier's reviewer forms is a variable the process provides
 * (docs/process-contract.md), a field of the form, or — on a task whose create listener is {@code prepareTaskView}
 * — a variable of {@link TaskView} down to its fields. Renaming a component of the view, or a path in a form,
 * fails here rather than in a reviewer's Tasklist, where a wrong path renders as an empty cell.
 */
class TaskViewFormsTest {

    private static final Path MODEL = Path.of("bpmn/esms-numerique/esms-numerique-dossier.bpmn");
    private static final Path FORMS = Path.of("forms");
    private static final String LISTENER = "${prepareTaskView}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The dossier's process variables (docs/process-contract.md) and what the model gives a task. */
    static final Set<String> PROCESS_VARIABLES = Set.of("dossierNumber", "campaignKey", "reviewerGroup",
            "complementsDelay", "conventionReminderDelay", "admissibilityReasons", "recevabiliteDecision",
            "recevabiliteComment", "complementsRequest", "grantAmount", "selected", "committeeReason",
            TaskViews.PAYMENT_SCHEDULE,
            // the convention's multi-instance over the agencies that fund the dossier: its element variable
            "shareRegion");
    /** Process variables that are lists, with the type of their elements, for {@code #loop}. */
    static final Map<String, Shape> PROCESS_LISTS = Map.of("admissibilityReasons", new Shape(true, List.of()));

    /**
     * The variables {@code prepareTaskView} sets for a dossier of the call, with their shapes: {@link TaskView}'s
     * components, the summary {@code dossier} with the call's facts (its descriptor and registration form), and one
     * {@code dossier<List>} per list of records of the call.
     */
    static final Map<String, Shape> VIEW = viewVariables(new CallDefinitions().of("esms-numerique"));

    /** A variable of the view: a list (of rows with these fields) or an object with these fields. */
    record Shape(boolean list, List<String> fields) {
    }

    private static final Pattern INSERT = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
    private static final Pattern PATH = Pattern.compile("(?<![\\w.\"])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*)(?!\\w|\\s*\\()");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");
    private static final Set<String> FEEL_WORDS = Set.of("and", "or", "not", "null", "true", "false", "if", "then",
            "else", "in", "some", "every", "satisfies", "between", "instance", "of", "for", "return");

    /** The dossier model's user tasks: form id, and whether the task prepares a view. */
    record ReviewerTask(String id, String formRef, boolean viewed) {

        @Override
        public String toString() {
            return id + " (" + formRef + ")";
        }
    }

    static Stream<ReviewerTask> reviewerTasks() {
        return Bpmn.readModelFromFile(MODEL.toFile()).getModelElementsByType(UserTask.class).stream()
                .map(task -> new ReviewerTask(task.getId(), task.getCamundaFormRef(), task.getExtensionElements() != null
                        && task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list()
                        .stream().anyMatch(l -> "create".equals(l.getCamundaEvent())
                                && LISTENER.equals(l.getCamundaDelegateExpression()))));
    }

    @Test
    void everyReviewerTaskOfTheDossierPreparesItsView() {
        assertThat(reviewerTasks()).extracting(ReviewerTask::id, ReviewerTask::viewed).containsExactlyInAnyOrder(
                tuple("Activity_VerifierRecevabilite", true),
                tuple("Activity_InstruireDossier", true),
                tuple("Activity_SignerConvention", true),
                tuple("Activity_ExaminerRetardReleves", true),
                tuple("Activity_VerifierCriteresUtilisation", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerTasks")
    void everyPathAFormReadsIsAVariableItsTaskHas(ReviewerTask task) {
        assertThat(problems(form(task.formRef()), task.viewed())).as("form %s", task.formRef()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerTasks")
    void theFormsShowTheDossier(ReviewerTask task) {
        var paths = paths(form(task.formRef()));
        assertThat(paths).as("every form links to the dossier page").contains("dossier.url");
        assertThat(paths).as("every form says which dossier").contains("dossier.number");
    }

    // --- the checks ------------------------------------------------------------------------------------------

    /** What a form reads that its task does not have, one line per problem. */
    static List<String> problems(JsonNode form, boolean viewed) {
        var keys = new HashSet<String>();
        components(form.path("components")).forEach(c -> {
            if (c.hasNonNull("key")) {
                keys.add(c.get("key").asText());
            }
            if (c.hasNonNull("path")) {
                keys.add(c.get("path").asText());
            }
        });
        var problems = new ArrayList<String>();
        for (var component : components(form.path("components")).toList()) {
            var id = component.path("id").asText();
            var type = component.path("type").asText();
            for (var field : List.of("text", "content", "label", "description")) {
                if (component.path(field).isTextual()) {
                    template(component.get(field).asText(), (path, loops) -> {
                        resolve(path, loops, keys, viewed).ifPresent(p -> problems.add(id + "." + field + ": " + p));
                        if ("text".equals(type) && readsTheView(path, loops)) {
                            // a text component reads inserted values as Markdown: an applicant's text would become links
                            problems.add(id + ": « " + path + " » shows dossier content in a text component; use an html or table component");
                        }
                    });
                }
            }
            var hide = component.path("conditional").path("hide");
            if (hide.isTextual()) {
                expression(hide.asText().replaceFirst("^=", ""), new ArrayDeque<>(), (path, loops) ->
                        resolve(path, loops, keys, viewed).ifPresent(p -> problems.add(id + ".conditional: " + p)));
            }
            if ("table".equals(type)) {
                problems.addAll(table(component, keys, viewed));
            }
        }
        return problems;
    }

    /** A table reads a list (its dataSource) and, in each row, its columns' keys. */
    private static List<String> table(JsonNode table, Set<String> keys, boolean viewed) {
        var id = table.path("id").asText();
        var source = table.path("dataSource").asText().replaceFirst("^=", "");
        var problems = new ArrayList<String>();
        if (!source.matches("[A-Za-z_]\\w*")) {
            return List.of(id + ".dataSource: « " + source + " » is not a variable");
        }
        resolve(source, new ArrayDeque<>(), keys, viewed).ifPresent(p -> problems.add(id + ".dataSource: " + p));
        var row = viewed && VIEW.containsKey(source) && VIEW.get(source).list() ? VIEW.get(source) : null;
        if (row == null) {
            problems.add(id + ".dataSource: « " + source + " » is not a list of the task's view");
            return problems;
        }
        for (var column : table.path("columns")) {
            var key = column.path("key").asText();
            if (!row.fields().contains(key)) {
                problems.add(id + ".columns: « " + key + " » is not a field of " + source + " " + row.fields());
            }
        }
        return problems;
    }

    /** Why a path read by a form does not exist for its task, if it does not. */
    private static Optional<String> resolve(String path, Deque<String> loops, Set<String> keys, boolean viewed) {
        var segments = path.split("\\.");
        var root = segments[0];
        if ("this".equals(root)) {
            if (loops.isEmpty()) {
                return Optional.of("« " + path + " » outside a #loop");
            }
            var element = loopElement(loops.peek(), viewed);
            if (element == null) {
                return Optional.of("« " + path + " »: #loop " + loops.peek() + " is not a list the task has");
            }
            if (segments.length == 1) {
                return Optional.empty();
            }
            return segments.length == 2 && element.fields().contains(segments[1]) ? Optional.empty()
                    : Optional.of("« " + path + " » is not a field of " + loops.peek() + " " + element.fields());
        }
        if (viewed && VIEW.containsKey(root)) {
            var shape = VIEW.get(root);
            if (segments.length == 1) {
                return Optional.empty();
            }
            return !shape.list() && segments.length == 2 && shape.fields().contains(segments[1])
                    ? Optional.empty()
                    : Optional.of("« " + path + " » is not a field of " + root + " " + shape.fields());
        }
        if (PROCESS_VARIABLES.contains(root) || keys.contains(root)) {
            return segments.length == 1 ? Optional.empty()
                    : Optional.of("« " + path + " »: " + root + " has no fields");
        }
        return Optional.of("« " + path + " » is no variable of the task (view " + (viewed ? VIEW.keySet() : "none")
                + ", process " + PROCESS_VARIABLES + ", form " + keys + ")");
    }

    private static boolean readsTheView(String path, Deque<String> loops) {
        var root = path.split("\\.")[0];
        return VIEW.containsKey(root) || "this".equals(root) && !loops.isEmpty() && VIEW.containsKey(loops.peek());
    }

    private static Shape loopElement(String source, boolean viewed) {
        if (viewed && VIEW.containsKey(source) && VIEW.get(source).list()) {
            return VIEW.get(source);
        }
        return PROCESS_LISTS.get(source);
    }

    interface PathVisitor {
        void visit(String path, Deque<String> loops);
    }

    /** Walks a template's inserts, {@code #if} and {@code #loop} expressions, knowing the loops each sits in. */
    static void template(String template, PathVisitor visitor) {
        var loops = new ArrayDeque<String>();
        var insert = INSERT.matcher(template);
        while (insert.find()) {
            var content = insert.group(1).strip();
            if (content.startsWith("#loop")) {
                var source = content.substring("#loop".length()).strip();
                expression(source, loops, visitor);
                loops.push(source);
            } else if (content.startsWith("/loop")) {
                loops.pop();
            } else if (content.startsWith("#if")) {
                expression(content.substring("#if".length()), loops, visitor);
            } else if (!content.startsWith("/if")) {
                expression(content, loops, visitor);
            }
        }
    }

    /** The variable paths a FEEL expression reads (function names, keywords and strings left out). */
    static void expression(String feel, Deque<String> loops, PathVisitor visitor) {
        var path = PATH.matcher(STRING.matcher(feel).replaceAll("\"\""));
        while (path.find()) {
            if (!FEEL_WORDS.contains(path.group(1))) {
                visitor.visit(path.group(1), loops);
            }
        }
    }

    private static List<String> paths(JsonNode form) {
        var paths = new ArrayList<String>();
        components(form.path("components")).forEach(c -> Stream.of("text", "content")
                .filter(f -> c.path(f).isTextual())
                .forEach(f -> template(c.get(f).asText(), (path, loops) -> paths.add(path))));
        return paths;
    }

    private static Stream<JsonNode> components(JsonNode components) {
        var all = new ArrayList<JsonNode>();
        components.forEach(c -> {
            all.add(c);
            all.addAll(components(c.path("components")).toList());
        });
        return all.stream();
    }

    // --- the view's structure, from TaskView -----------------------------------------------------------------

    private static Map<String, Shape> viewVariables(CallDefinition call) {
        var variables = new LinkedHashMap<String, Shape>();
        for (RecordComponent component : TaskView.class.getRecordComponents()) {
            var type = component.getGenericType();
            if ("dossier".equals(component.getName())) {
                var fields = new ArrayList<>(TaskViews.SUMMARY);
                call.facts().values().stream().filter(f -> f.type() != FactType.RECORDS).forEach(f -> fields.add(f.key()));
                variables.put("dossier", new Shape(false, fields));
            } else if ("lists".equals(component.getName())) {
                call.facts().values().stream().filter(f -> f.type() == FactType.RECORDS).forEach(f -> variables.put(
                        TaskViews.listVariable(f.key()), new Shape(true, f.fields().stream().map(FactDefinition::key).toList())));
            } else {
                var element = element(type);
                variables.put(component.getName(), element != null ? new Shape(true, fields(element)) : new Shape(false, fields(type)));
            }
        }
        return variables;
    }

    /** The element type of a List, or null. */
    private static Type element(Type type) {
        return type instanceof ParameterizedType list && list.getRawType() == List.class ? list.getActualTypeArguments()[0] : null;
    }

    private static List<String> fields(Type type) {
        return type instanceof Class<?> c && c.isRecord()
                ? Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName).toList() : List.of();
    }

    private static JsonNode form(String id) {
        try (var files = Files.walk(FORMS)) {
            for (var file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
                var form = JSON.readTree(file.toFile());
                if (id.equals(form.path("id").asText())) {
                    return form;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no form " + id + " under " + FORMS);
    }

    /** Each check, applied to a deliberately broken copy of a real form, reports what is broken. */
    @Nested
    class EachCheckCatches {

        @Test
        void aRenamedFieldOfTheDossier() {
            assertThat(brokenBy("esms-numerique-recevabilite", "Html_Dossier", "content",
                    "{{dossier.organisation}}", "{{dossier.organization}}"))
                    .singleElement().asString().contains("dossier.organization").contains("organisation");
        }

        @Test
        void aRenamedFieldOfAListRow() {
            assertThat(brokenBy("esms-numerique-recevabilite", "Html_Pieces", "content",
                    "{{this.filename}}", "{{this.fileName}}"))
                    .singleElement().asString().contains("this.fileName").contains("dossierDocuments");
        }

        @Test
        void aListTheViewDoesNotHave() {
            assertThat(brokenBy("esms-numerique-recevabilite", "Html_Pieces", "content",
                    "#loop dossierDocuments", "#loop dossierPieces"))
                    .anySatisfy(p -> assertThat(p).contains("dossierPieces"));
        }

        @Test
        void aTableOnAVariableNobodySets() {
            assertThat(brokenBy("esms-numerique-recevabilite", "Table_Facts", "dataSource", "=dossierFacts", "=facts"))
                    .anySatisfy(p -> assertThat(p).contains("Table_Facts.dataSource").contains("facts"));
        }

        @Test
        void aTableColumnTheRowsDoNotHave() {
            var form = (ObjectNode) form("esms-numerique-convention").deepCopy();
            components(form.path("components")).filter(c -> "Table_Shares".equals(c.path("id").asText()))
                    .forEach(t -> ((ObjectNode) t.path("columns").get(0)).set("key", new TextNode("arsName")));
            assertThat(problems(form, true)).singleElement().asString().contains("arsName");
        }

        @Test
        void theViewOnATaskWithoutTheListener() {
            assertThat(problems(form("esms-numerique-instruction"), false))
                    .anySatisfy(p -> assertThat(p).contains("dossier.grant"));
        }

        @Test
        void dossierContentInATextComponent() {
            assertThat(brokenBy("esms-numerique-recevabilite", "Text_AVerifier", "text",
                    "#### À vérifier dans les pièces", "#### {{dossier.projectDescription}}"))
                    .singleElement().asString().contains("text component");
        }

        private List<String> brokenBy(String formId, String componentId, String field, String from, String to) {
            var form = (ObjectNode) form(formId).deepCopy();
            assertThat(problems(form, true)).as("the real form passes").isEmpty();
            var component = components(form.path("components"))
                    .filter(c -> componentId.equals(c.path("id").asText())).findFirst().orElseThrow();
            var value = component.path(field).asText();
            assertThat(value).contains(from);
            ((ObjectNode) component).set(field, new TextNode(value.replace(from, to)));
            return problems(form, true);
        }
    }
}
