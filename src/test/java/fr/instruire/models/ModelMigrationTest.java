package fr.instruire.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.instruire.models.MigrationCase.Resume;
import fr.instruire.models.MigrationCase.Stop;

/**
 * For every model: instances of its previous version (src/test/resources/models-previous/, see its README) left at
 * the wait states that matter, the current version (bpmn/) deployed beside it, a migration plan generated the way a
 * process owner generates it through the REST API ({@code mapEqualActivities().updateEventTriggers()}, explicit
 * mappings only for renamed activities), validated and executed; each instance must then be on the current version,
 * at the same step, with its variables, its timers and its tasks (their form still found), and must go one step
 * further on the new version. What the engine refuses is declared in {@link ModelMigrationCases} and asserted here
 * with the activities the engine names, so that the test fails the day it changes. The delegates are recorders.
 */
class ModelMigrationTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String TRANCHE = "bpmn/common/payment-tranche.bpmn";
    private static final Pattern BEAN = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

    /** What the delegates were called with: {@code bean}, in order. */
    private final List<String> journal = new ArrayList<>();
    private final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void startTheClock() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void removeTheDeployments() {
        Mocks.reset();
        ClockUtil.reset();
        deployments.forEach(id -> repositoryService().deleteDeployment(id, true));
    }

    static Stream<MigrationCase> models() {
        return ModelMigrationCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void instancesOfThePreviousVersionMoveToTheCurrentOneAtTheSameStepAndGoOn(MigrationCase model) {
        assertThat(Files.exists(Path.of("src/test/resources", model.previousResource())))
                .as("a previous version of %s is stored exactly when the history has one (refresh.sh)", model.model)
                .isEqualTo(!model.noEarlierVersion);
        registerRecorders(model);
        var previous = deploy(model, true);

        // 1. instances of the previous version, each left at a wait state
        Map<Stop, ProcessInstance> instances = new LinkedHashMap<>();
        for (var stop : model.stops) {
            instances.put(stop, startAndDriveTo(model, stop, previous));
        }
        Map<Stop, Snapshot> before = new HashMap<>();
        instances.forEach((stop, instance) -> before.put(stop, Snapshot.of(instance.getId())));

        // 2. the current version, deployed as Modeler or a restart deploys it
        var current = deploy(model, false);
        assertThat(current).isNotEqualTo(previous);

        // 3. the plan, as POST /engine-rest/migration/generate makes it, validated by build()
        var plan = plan(model, previous, current);
        assertThat(unmappedWaitStates(plan, previous, current)).as("wait states of the previous version left unmapped")
                .isEqualTo(model.unmapped);

        // 4. what the engine refuses, instance by instance, with the activities it names; the rest migrates
        var migrating = new ArrayList<String>();
        instances.forEach((stop, instance) -> {
            if (stop.refused()) {
                assertRefused(plan, instance, stop);
                assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                        .getProcessDefinitionId()).as("refused: left on its version").isEqualTo(previous);
            } else {
                migrating.add(instance.getId());
            }
        });
        if (!migrating.isEmpty()) {
            var refused = catchThrowableOfType(
                    () -> runtimeService().newMigration(plan).processInstanceIds(migrating).execute(),
                    MigratingProcessInstanceValidationException.class);
            assertThat(refused).as("the engine refused instances the case expects to migrate: %s",
                    refused == null ? "" : refused.getMessage()).isNull();
        }

        // 5. each one on the current version, where it was, with what it had; then one step further
        instances.forEach((stop, instance) -> {
            if (stop.refused()) {
                return;
            }
            var id = instance.getId();
            assertThat(definitionOf(id)).as(stop.activity).isEqualTo(current);
            var after = Snapshot.of(id);
            assertThat(after.waitingAt).as("%s: still waiting where it was", stop).isEqualTo(before.get(stop).waitingAt);
            assertThat(after.variables).as("%s: its variables", stop).isEqualTo(before.get(stop).variables);
            assertThat(after.jobs).as("%s: its jobs and timers", stop).isEqualTo(before.get(stop).jobs);
            assertThat(managementService().createJobQuery().processInstanceId(id).list())
                    .allSatisfy(job -> assertThat(job.getProcessDefinitionId()).isEqualTo(current));
            for (var task : taskService().createTaskQuery().processInstanceId(id).list()) {
                assertThat(task.getProcessDefinitionId()).isEqualTo(current);
                assertThat(deployedForm(task.getId())).as("%s: its form, found for Tasklist", task.getTaskDefinitionKey())
                        .contains("\"components\"");
            }
            resume(stop, id, previous);
            assertWentOn(stop, id, current, after);
        });
    }

    /**
     * A dossier waiting in the tranches it called (one per ARS, by the real multi-instance call activity): the tranches
     * stay on the version their dossier's deployment held until they are migrated themselves, with their own plan
     * (payment-tranche previous → current) validated by the engine; they keep their link to the dossier, and once
     * paid the dossier — migrated too — goes on to the next milestone on its current version.
     */
    @Test
    void tranchesStartedByADossiersCallActivityMigrateWithTheirOwnPlanAndReturnToTheirDossier() {
        var model = ModelMigrationCases.esmsDossier();
        registerRecorders(model);
        var previous = deploy(model, true);
        var dossier = runtimeService().createProcessInstanceById(previous).businessKey("ESMS-2021-0006")
                .setVariables(model.variables)
                .setVariable("fundingShares", new ArrayList<>(List.of("Guadeloupe", "Martinique")))
                .startBeforeActivity("Activity_VerserTrancheSignature#multiInstanceBody").execute();
        var tranches = runtimeService().createProcessInstanceQuery().superProcessInstanceId(dossier.getId()).list();
        assertThat(tranches).hasSize(2);
        tranches.forEach(tranche -> runJobs(tranche.getId()));
        var previousTranche = tranches.get(0).getProcessDefinitionId();
        assertThat(repositoryService().getProcessDefinition(previousTranche).getDeploymentId())
                .as("binding « deployment »: the tranche of the dossier's own deployment")
                .isEqualTo(repositoryService().getProcessDefinition(previous).getDeploymentId());

        var current = deploy(model, false);
        var currentTranche = repositoryService().createProcessDefinitionQuery().processDefinitionKey("payment-tranche")
                .deploymentId(repositoryService().getProcessDefinition(current).getDeploymentId()).singleResult().getId();

        // the dossier first: its call activity's instances move, the tranches they called do not
        runtimeService().newMigration(plan(model, previous, current)).processInstanceIds(dossier.getId()).execute();
        assertThat(definitionOf(dossier.getId())).isEqualTo(current);
        assertThat(tranches).allSatisfy(tranche -> assertThat(definitionOf(tranche.getId())).isEqualTo(previousTranche));

        // then the tranches, found by their definition, with the tranche's own plan
        var tranchePlan = runtimeService().createMigrationPlan(previousTranche, currentTranche)
                .mapEqualActivities().updateEventTriggers().build();
        var ids = tranches.stream().map(ProcessInstance::getId).toList();
        assertThat(runtimeService().createProcessInstanceQuery().processDefinitionId(previousTranche).list())
                .extracting(ProcessInstance::getId).containsExactlyInAnyOrderElementsOf(ids);
        runtimeService().newMigration(tranchePlan).processInstanceIds(ids).execute();
        for (var tranche : tranches) {
            assertThat(definitionOf(tranche.getId())).isEqualTo(currentTranche);
            assertThat(runtimeService().createProcessInstanceQuery().superProcessInstanceId(dossier.getId())
                    .processInstanceId(tranche.getId()).count()).as("still called by its dossier").isOne();
            assertThat(runtimeService().getVariable(tranche.getId(), "tranche")).asString().startsWith("signature-");
            var release = taskService().createTaskQuery().processInstanceId(tranche.getId()).singleResult();
            assertThat(release.getTaskDefinitionKey()).isEqualTo("Activity_LibererTranche");
            assertThat(release.getProcessDefinitionId()).isEqualTo(currentTranche);
        }

        payTranches(dossier.getId());
        assertThat(runtimeService().getActiveActivityIds(dossier.getId())).containsExactly("Event_FinParametrageDeclaree");
        assertThat(historyService().createHistoricProcessInstanceQuery().superProcessInstanceId(dossier.getId()).list())
                .hasSize(2).allSatisfy(tranche -> {
                    assertThat(tranche.getProcessDefinitionId()).isEqualTo(currentTranche);
                    assertThat(tranche.getEndTime()).isNotNull();
                });
        assertThat(journal).containsSubsequence("releaseTranche", "recordPayment", "sendMail");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The plan a process owner generates; an explicit mapping only for a renamed activity (its reason in the case). */
    private static MigrationPlan plan(MigrationCase model, String previous, String current) {
        var builder = runtimeService().createMigrationPlan(previous, current).mapEqualActivities().updateEventTriggers();
        model.renamed.forEach((from, to) -> builder.mapActivities(from, to).updateEventTrigger());
        try {
            return builder.build();
        } catch (MigrationPlanValidationException refused) {
            throw new AssertionError("the engine refuses the plan " + model.processKey + ": " + refused.getMessage(), refused);
        }
    }

    /**
     * The activities of the previous version where an instance can wait (tasks, catch events, gateways, sub-processes,
     * call activities, asynchronous continuations) that have the same id in the current version and no instruction.
     */
    private static Set<String> unmappedWaitStates(MigrationPlan plan, String previous, String current) {
        var mapped = new TreeSet<String>();
        for (MigrationInstruction instruction : plan.getInstructions()) {
            mapped.add(instruction.getSourceActivityId());
        }
        var currentModel = repositoryService().getBpmnModelInstance(current);
        var unmapped = new TreeSet<String>();
        for (var node : repositoryService().getBpmnModelInstance(previous).getModelElementsByType(FlowNode.class)) {
            boolean waitState = node instanceof UserTask || node instanceof ReceiveTask || node instanceof CallActivity
                    || node instanceof SubProcess || node instanceof IntermediateCatchEvent || node instanceof BoundaryEvent
                    || node instanceof EventBasedGateway || node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter();
            if (waitState && !mapped.contains(node.getId())) {
                unmapped.add(node.getId() + (currentModel.getModelElementById(node.getId()) == null ? " (removed)" : ""));
            }
        }
        return unmapped;
    }

    private static void assertRefused(MigrationPlan plan, ProcessInstance instance, Stop stop) {
        var refusal = catchThrowableOfType(
                () -> runtimeService().newMigration(plan).processInstanceIds(instance.getId()).execute(),
                MigratingProcessInstanceValidationException.class);
        assertThat(refusal).as("%s: the engine refuses it (%s)", stop, stop.refusalReason).isNotNull();
        var named = new TreeSet<String>();
        refusal.getValidationReport().getActivityInstanceReports().forEach(r -> named.add(r.getSourceScopeId()));
        refusal.getValidationReport().getTransitionInstanceReports().forEach(r -> named.add(r.getSourceScopeId()));
        assertThat(named).as("%s: %s", stop, refusal.getMessage()).containsExactlyInAnyOrderElementsOf(stop.refusedAt);
    }

    private ProcessInstance startAndDriveTo(MigrationCase model, Stop stop, String previous) {
        var variables = new HashMap<String, Object>(model.variables);
        variables.putAll(stop.startVariables);
        var businessKey = model.processKey + "@" + stop.activity;
        var instance = stop.fromTheStart
                ? runtimeService().startProcessInstanceById(previous, businessKey, variables)
                : runtimeService().createProcessInstanceById(previous).businessKey(businessKey).setVariables(variables)
                        .startBeforeActivity(stop.startBefore).execute();
        for (int i = 0; i < 20 && !waitsAt(instance.getId(), stop.activity); i++) {
            var job = managementService().createJobQuery().processInstanceId(instance.getId()).messages().list();
            assertThat(job).as("%s: a step before it", stop).isNotEmpty();
            managementService().executeJob(job.get(0).getId());
        }
        assertThat(waitsAt(instance.getId(), stop.activity)).as("%s: reached on the previous version", stop).isTrue();
        if (stop.resume == Resume.PAY_TRANCHE) {
            for (var tranche : runtimeService().createProcessInstanceQuery().superProcessInstanceId(instance.getId()).list()) {
                runJobs(tranche.getId());
                assertThat(taskService().createTaskQuery().processInstanceId(tranche.getId()).singleResult()
                        .getTaskDefinitionKey()).isEqualTo("Activity_LibererTranche");
            }
        }
        journal.clear();
        return instance;
    }

    /** The step after the wait state, on the new version; then its savepoint, if any, as the job executor would. */
    private void resume(Stop stop, String id, String previous) {
        switch (stop.resume) {
            case COMPLETE_TASK -> {
                var task = taskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(stop.activity).list();
                assertThat(task).as(stop.activity).isNotEmpty();
                taskService().complete(task.get(0).getId(), stop.variables);
            }
            case CORRELATE -> runtimeService().createMessageCorrelation(stop.message).processInstanceId(id)
                    .setVariables(stop.variables).correlateWithResult();
            case FIRE_TIMER -> {
                var timer = managementService().createJobQuery().processInstanceId(id).timers().activityId(stop.timer).singleResult();
                assertThat(timer).as(stop.timer).isNotNull();
                managementService().executeJob(timer.getId());
            }
            case RUN_JOB -> { }
            case PAY_TRANCHE -> {
                var tranches = runtimeService().createProcessInstanceQuery().superProcessInstanceId(id).list();
                assertThat(tranches).as("%s: the tranches it called", stop).isNotEmpty()
                        // a called instance is not migrated with its caller: it finishes on its own version
                        .allSatisfy(tranche -> assertThat(repositoryService().getProcessDefinition(
                                tranche.getProcessDefinitionId()).getDeploymentId())
                                .isEqualTo(repositoryService().getProcessDefinition(previous).getDeploymentId()));
                payTranches(id);
            }
        }
        for (int i = 0; i < 10; i++) {
            var jobs = managementService().createJobQuery().processInstanceId(id).messages().activityId(stop.activity).list();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(job -> managementService().executeJob(job.getId()));
        }
    }

    /** The wait state was left on the current version: its activity ran (and ended) there, the instance moved. */
    private static void assertWentOn(Stop stop, String id, String current, Snapshot atMigration) {
        var ran = historyService().createHistoricActivityInstanceQuery().processInstanceId(id).activityId(stop.activity).list();
        assertThat(ran).as("%s: ran on the current version", stop)
                .anySatisfy(step -> assertThat(step.getProcessDefinitionId()).isEqualTo(current))
                .allSatisfy(step -> assertThat(step.getEndTime()).as("%s ended", stop).isNotNull());
        var ended = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult() == null;
        if (!ended) {
            assertThat(Snapshot.of(id).waitingAt).as("%s: the instance moved on", stop).isNotEqualTo(atMigration.waitingAt);
        }
    }

    private void payTranches(String dossier) {
        for (var tranche : runtimeService().createProcessInstanceQuery().superProcessInstanceId(dossier).list()) {
            var release = taskService().createTaskQuery().processInstanceId(tranche.getId()).taskDefinitionKey("Activity_LibererTranche").singleResult();
            taskService().complete(release.getId(), Map.of("trancheEvidence", "Pièce justificative"));
            var payment = taskService().createTaskQuery().processInstanceId(tranche.getId()).taskDefinitionKey("Activity_MettreEnPaiement").singleResult();
            taskService().complete(payment.getId(), Map.of("paymentReference", "Mandat 2027-0001"));
            runJobs(tranche.getId());
        }
        runJobs(dossier);
    }

    /** Every pending asynchronous continuation of the instance, until none is left; timers aside. */
    private static void runJobs(String processInstanceId) {
        for (int i = 0; i < 20; i++) {
            List<Job> jobs = managementService().createJobQuery().processInstanceId(processInstanceId).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            managementService().executeJob(jobs.get(0).getId());
        }
        throw new AssertionError("the instance keeps creating asynchronous jobs");
    }

    private static boolean waitsAt(String processInstanceId, String activityId) {
        var tree = runtimeService().getActivityInstance(processInstanceId);
        return tree != null && (tree.getActivityInstances(activityId).length > 0 || tree.getTransitionInstances(activityId).length > 0);
    }

    private static String definitionOf(String processInstanceId) {
        return runtimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getProcessDefinitionId();
    }

    /**
     * Deploys one version of the model as one deployment: the model, the tranche it calls (binding « deployment »:
     * the called version is the one of the caller's deployment), the forms and decisions of its call.
     */
    private String deploy(MigrationCase model, boolean previous) {
        var builder = repositoryService().createDeployment().name(model.processKey + (previous ? " (précédente)" : " (actuelle)"));
        boolean stored = previous && !model.noEarlierVersion;
        builder.addInputStream(model.model, stored ? classpath(model.previousResource()) : file(model.model));
        if (model.callsTranche) {
            builder.addInputStream(TRANCHE, previous ? classpath("models-previous/" + TRANCHE) : file(TRANCHE));
        }
        for (var folder : model.companions) {
            try (var files = Files.list(Path.of(folder))) {
                files.sorted().forEach(path -> builder.addInputStream(folder + "/" + path.getFileName(), file(path.toString())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var deployment = builder.deploy();
        deployments.add(deployment.getId());
        return repositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(model.processKey).singleResult().getId();
    }

    /** Every bean the model names (both versions) is a recorder; the ledger's amount is set as scheduleTranche sets it. */
    private void registerRecorders(MigrationCase model) {
        var beans = new TreeSet<String>();
        for (var xml : List.of(read(file(model.model)), read(file(TRANCHE)))) {
            var matcher = BEAN.matcher(xml);
            while (matcher.find()) {
                beans.add(matcher.group(1));
            }
        }
        beans.forEach(bean -> Mocks.register(bean, new Recorder(bean)));
        Mocks.register("scheduleTranche", (JavaDelegate) execution -> {
            journal.add("scheduleTranche");
            if (!execution.hasVariable("trancheAmount")) {
                execution.setVariable("trancheAmount", 10_000L);
            }
        });
    }

    /** A delegate, an execution listener or a task listener that only records its name. */
    private final class Recorder implements JavaDelegate, ExecutionListener, TaskListener {
        private final String bean;

        Recorder(String bean) {
            this.bean = bean;
        }

        @Override
        public void execute(DelegateExecution execution) {
            journal.add(bean);
        }

        @Override
        public void notify(DelegateExecution execution) {
            journal.add(bean);
        }

        @Override
        public void notify(DelegateTask task) {
            journal.add(bean);
        }
    }

    /** Where an instance waits (activities and pending continuations), its variables (all scopes), its jobs. */
    private record Snapshot(List<String> waitingAt, List<String> variables, List<String> jobs) {

        static Snapshot of(String processInstanceId) {
            var waiting = new ArrayList<String>();
            collect(runtimeService().getActivityInstance(processInstanceId), waiting);
            var variables = runtimeService().createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
                    .disableBinaryFetching().list().stream()
                    .map(v -> v.getName() + "=" + v.getValue()).sorted().toList();
            var jobs = managementService().createJobQuery().processInstanceId(processInstanceId).list().stream()
                    .map(job -> job.getClass().getSimpleName() + ":" + job.getDuedate()).sorted().toList();
            return new Snapshot(waiting.stream().sorted().toList(), variables, jobs);
        }

        private static void collect(ActivityInstance instance, List<String> into) {
            if (instance == null) {
                return;
            }
            for (var child : instance.getChildActivityInstances()) {
                into.add(child.getActivityId());
                collect(child, into);
            }
            for (var transition : instance.getChildTransitionInstances()) {
                into.add(transition.getActivityId() + " (job)");
            }
        }
    }

    private static String deployedForm(String taskId) {
        try (InputStream form = formService().getDeployedTaskForm(taskId)) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream classpath(String resource) {
        var stream = ModelMigrationTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(stream).as(resource).isNotNull();
        return stream;
    }

    private static InputStream file(String path) {
        try {
            return Files.newInputStream(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
