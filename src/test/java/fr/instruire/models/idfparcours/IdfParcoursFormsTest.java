package fr.instruire.models.idfparcours;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The call's files agree with one another, as a process owner edits them one at a time: every fact a reviewer's task
 * records ({@code recordFormFacts}' input {@code facts}) is a field of that task's form and is declared, with its label,
 * in {@code calls/idf-parcours.yaml}; every dossier fact a form shows exists (the letter's, the SNACs filing's, or a
 * declared one); applicants' words are shown in html components only; the forms are Tasklist 7.24's (schemaVersion ≤ 16).
 */
class IdfParcoursFormsTest {

    private static final Path FORMS = Path.of("forms/idf-parcours");
    private static final String DESCRIPTOR = "calls/idf-parcours.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DOSSIER_PATH = Pattern.compile("dossier\\.([A-Za-z_]\\w*)");
    /** What prepareTaskView's {@code dossier} holds besides the call's facts (docs/process-contract.md, « Task views »). */
    private static final Set<String> VIEW_CORE = Set.of("number", "url", "organisation", "siren", "contactName", "contactEmail",
            "projectTitle", "projectDescription", "status", "submittedOn", "timeZone", "preparedOn", "regions", "grant", "score");

    record ReviewerTask(String id, String formRef, List<String> recordedFacts, boolean viewed) {

        @Override
        public String toString() {
            return id + " (" + formRef + ")";
        }
    }

    static Stream<ReviewerTask> reviewerTasks() {
        var model = Bpmn.readModelFromFile(new File(IdfParcoursDossier.BPMN));
        return model.getModelElementsByType(UserTask.class).stream().map(task -> {
            var facts = model.getModelElementsByType(CamundaInputParameter.class).stream()
                    .filter(p -> "facts".equals(p.getCamundaName()) && isOf(p, task))
                    .flatMap(p -> Stream.of(p.getTextContent().split(",")))
                    .map(n -> n.strip().replace("*", "")).filter(n -> !n.isEmpty()).toList();
            var viewed = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaTaskListener.class).list().stream()
                    .anyMatch(l -> "create".equals(l.getCamundaEvent()) && "${prepareTaskView}".equals(l.getCamundaDelegateExpression()));
            return new ReviewerTask(task.getId(), task.getCamundaFormRef(), facts, viewed);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerTasks")
    void everyFactATaskRecordsIsAFieldOfItsFormAndADeclaredFact(ReviewerTask task) {
        var fields = fieldKeys(form(task.formRef()));
        assertThat(fields).as("form %s", task.formRef()).containsAll(task.recordedFacts());
        assertThat(declaredFacts().keySet()).as("facts declared in %s", DESCRIPTOR).containsAll(task.recordedFacts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerTasks")
    void everyReviewerTaskShowsItsDossierAndLinksItsPage(ReviewerTask task) {
        var text = form(task.formRef()).toString();
        assertThat(task.viewed()).as("prepareTaskView on create").isTrue();
        assertThat(text).contains("{{dossier.number}}", "{{dossier.url}}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerTasks")
    void everyDossierFactAFormShowsExists(ReviewerTask task) {
        var known = new LinkedHashSet<String>(VIEW_CORE);
        known.addAll(fieldKeys(form("idf-parcours-enregistrement")));
        known.addAll(fieldKeys(form("idf-parcours-snacs")));
        known.addAll(declaredFacts().keySet());
        var shown = new ArrayList<String>();
        var matcher = DOSSIER_PATH.matcher(form(task.formRef()).toString());
        while (matcher.find()) {
            shown.add(matcher.group(1));
        }
        assertThat(known).as("what %s shows of the dossier", task.formRef()).containsAll(shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerTasks")
    void applicantsWordsAreShownInHtmlComponentsOnly(ReviewerTask task) {
        components(form(task.formRef()).path("components")).filter(c -> "text".equals(c.path("type").asText()))
                .forEach(c -> assertThat(c.path("text").asText()).as(c.path("id").asText()).doesNotContain("{{"));
    }

    @Test
    void theFormsAreTasklists() throws IOException {
        try (var files = Files.list(FORMS)) {
            for (var file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
                var form = JSON.readTree(file.toFile());
                assertThat(form.path("schemaVersion").asInt()).as("%s: form-js 1.8.7", file).isBetween(1, 16);
                assertThat(file.getFileName().toString()).isEqualTo(form.path("id").asText() + ".form");
            }
        }
    }

    @Test
    void theSnacsFilingCarriesEveryInputOfTheDecisions() {
        assertThat(fieldKeys(form("idf-parcours-snacs"))).contains("population", "includesLiberalProfessionals",
                "includesHealthEstablishments", "includesMedicoSocialEstablishments", "governanceDescribed",
                "territorialSupportScheme", "platformServicesCommitted");
    }

    @Test
    void theDescriptorNamesTheSnacsFilingItsFormAndItsMessage() {
        @SuppressWarnings("unchecked")
        var filings = (Map<String, Map<String, Object>>) descriptor().get("filings");
        assertThat(filings).containsOnlyKeys("snacs");
        assertThat(filings.get("snacs")).containsEntry("form", "idf-parcours-snacs")
                .containsEntry("message", IdfParcoursDossier.Messages.SNACS_FILED).containsKey("label");
        assertThat(Bpmn.readModelFromFile(new File(IdfParcoursDossier.BPMN)).getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.Message.class)).extracting(m -> m.getName())
                .contains(IdfParcoursDossier.Messages.SNACS_FILED);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonNode form(String id) {
        try {
            return JSON.readTree(FORMS.resolve(id + ".form").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldKeys(JsonNode form) {
        return components(form.path("components")).filter(c -> c.hasNonNull("key")).map(c -> c.get("key").asText()).toList();
    }

    private static Stream<JsonNode> components(JsonNode components) {
        var all = new ArrayList<JsonNode>();
        components.forEach(c -> {
            all.add(c);
            components(c.path("components")).forEach(all::add);
        });
        return all.stream();
    }

    private static Map<String, Object> descriptor() {
        try (InputStream in = Files.newInputStream(Path.of(DESCRIPTOR))) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> declaredFacts() {
        var facts = new LinkedHashMap<String, Map<String, Object>>();
        ((List<Map<String, Object>>) descriptor().get("facts")).forEach(f -> facts.put((String) f.get("key"), f));
        return facts;
    }

    private static boolean isOf(CamundaInputParameter parameter, UserTask task) {
        for (var parent = parameter.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == task) {
                return true;
            }
        }
        return false;
    }
}
