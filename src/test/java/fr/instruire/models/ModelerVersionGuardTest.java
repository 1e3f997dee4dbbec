package fr.instruire.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Successive starts of the engine on one database, as the application builds it (a Spring engine configuration that
 * auto-deploys the repository's files, deploy-changed-only), with a process owner's deployment from Modeler between
 * them: the repository's files are a temporary folder each start reads again.
 */
class ModelerVersionGuardTest {

    private static final String KEY = "guard-essai";

    @TempDir
    Path repository;
    private SimpleDriverDataSource database;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ModelerVersions found = new ModelerVersions();
    private ProcessEngine engine;
    private int starts;

    @BeforeEach
    void database() {
        database = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:modeler-guard-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        log.start();
        ((Logger) LoggerFactory.getLogger(ModelerVersionGuard.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ModelerVersionGuard.class)).detachAppender(log);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aRestartKeepsTheProcessOwnersVersionUntilTheRepositoryHoldsIt() throws IOException {
        write("bpmn/essai/guard-essai.bpmn", process("Version du dépôt"));
        write("dmn/essai/guard-decision.dmn", DECISION);
        start(false);
        assertThat(latest().getVersion()).isEqualTo(1);
        var modeler = deployFromModeler(process("Version du responsable du processus"));
        assertThat(latest().getVersion()).isEqualTo(2);

        // the repository unchanged: the engine's duplicate filter deploys nothing, neither the process nor the decision
        var deployments = repositoryService().createDeploymentQuery().count();
        start(false);
        assertThat(repositoryService().createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
        assertThat(latest().getDeploymentId()).isEqualTo(modeler);
        assertThat(warnings()).isEmpty();
        assertThat(found.all()).singleElement().satisfies(version -> {
            assertThat(version.file()).isEqualTo("bpmn/essai/guard-essai.bpmn");
            assertThat(version.repositoryHeldBack()).isFalse();
        });

        // the repository's file changed meanwhile: held back, named, the process owner's version stays the latest
        write("bpmn/essai/guard-essai.bpmn", process("Version du dépôt, corrigée"));
        start(false);
        assertThat(latest().getDeploymentId()).isEqualTo(modeler);
        assertThat(latest().getVersion()).isEqualTo(2);
        assertThat(repositoryService().createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
        assertThat(warnings()).singleElement().asString()
                .contains("bpmn/essai/guard-essai.bpmn", "version 2", "« guard-essai »", modeler,
                        "instruire.models.replace-modeler-versions=true");
        assertThat(found.all()).singleElement().satisfies(version -> {
            assertThat(version.version()).isEqualTo(2);
            assertThat(version.deploymentId()).isEqualTo(modeler);
            assertThat(version.repositoryHeldBack()).isTrue();
        });

        // the Modeler version brought back into the repository (Windows line endings, spaces at the ends of lines)
        log.list.clear();
        write("bpmn/essai/guard-essai.bpmn", process("Version du responsable du processus").replace("\n", "  \r\n"));
        start(false);
        assertThat(warnings()).isEmpty();
        assertThat(found.all()).isEmpty();
        assertThat(latest().getName()).isEqualTo("Version du responsable du processus");
        assertThat(deploymentName(latest())).as("the repository's file, deployed as usual").isEqualTo("SpringAutoDeployment");
        // the repository deploys as one set (the models find their forms and decisions in their own deployment)
        assertThat(repositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("guard-decision").latestVersion()
                .singleResult().getDeploymentId()).as("the decision deployed with it").isEqualTo(latest().getDeploymentId());
    }

    /** The repository deploys as one set: another file's change must not bring the unchanged file back over Modeler's. */
    @Test
    void anotherFilesChangeDoesNotBringTheUnchangedFileBackOverTheModelerVersion() throws IOException {
        write("bpmn/essai/guard-essai.bpmn", process("Version du dépôt"));
        write("dmn/essai/guard-decision.dmn", DECISION);
        start(false);
        var modeler = deployFromModeler(process("Version du responsable du processus"));

        write("dmn/essai/guard-decision.dmn", DECISION.replace("name=\"", "name=\"Modifiée — "));
        start(false);

        assertThat(latest().getDeploymentId()).as("the process owner's version stays the latest").isEqualTo(modeler);
        assertThat(repositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("guard-decision").latestVersion()
                .singleResult().getVersion()).as("the changed decision deployed").isEqualTo(2);
        assertThat(found.all()).singleElement().satisfies(version -> assertThat(version.version()).isEqualTo(2));
    }

    @Test
    void theOperatorMakesTheRepositoryWinOnPurpose() throws IOException {
        write("bpmn/essai/guard-essai.bpmn", process("Version du dépôt"));
        start(false);
        var modeler = deployFromModeler(process("Version du responsable du processus"));
        write("bpmn/essai/guard-essai.bpmn", process("Version du dépôt, corrigée"));

        start(true);

        assertThat(latest().getVersion()).isEqualTo(3);
        assertThat(latest().getName()).isEqualTo("Version du dépôt, corrigée");
        assertThat(warnings()).singleElement().asString()
                .contains("bpmn/essai/guard-essai.bpmn", "remplace la version 2", modeler);
        assertThat(found.all()).isEmpty();
    }

    /** A start as the application's: the starter hands the engine the repository's files, deployed as one set. */
    private void start(boolean replaceModelerVersions) throws IOException {
        if (engine != null) {
            engine.close();
        }
        var configuration = new SpringProcessEngineConfiguration();
        configuration.setApplicationContext(new StaticApplicationContext());
        configuration.setProcessEngineName("modeler-guard-" + ++starts + "-" + System.nanoTime());
        configuration.setDataSource(database);
        configuration.setTransactionManager(new DataSourceTransactionManager(database));
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setDeployChangedOnly(false);
        try (var files = Files.walk(repository)) {
            configuration.setDeploymentResources(files.filter(Files::isRegularFile).sorted()
                    .map(FileSystemResource::new).toArray(Resource[]::new));
        }
        configuration.setProcessEnginePlugins(List.of(new ModelerVersionGuard(replaceModelerVersions, found)));
        engine = configuration.buildProcessEngine();
    }

    /** What Modeler's « Deploy current diagram » does: the file under its own name, from « Camunda Modeler ». */
    private String deployFromModeler(String content) {
        return repositoryService().createDeployment().name("guard-essai").source("Camunda Modeler")
                .addString("guard-essai.bpmn", content).deploy().getId();
    }

    private RepositoryService repositoryService() {
        return engine.getRepositoryService();
    }

    private ProcessDefinition latest() {
        return repositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
    }

    private String deploymentName(ProcessDefinition definition) {
        return repositoryService().createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult().getName();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void write(String file, String content) throws IOException {
        var path = repository.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    private static String process(String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_GuardEssai"
                    targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="guard-essai" name="%s" isExecutable="true">
                    <bpmn:startEvent id="Event_Depart" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(name);
    }

    private static final String DECISION = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_GuardDecision" name="Essai"
                namespace="http://camunda.org/schema/1.0/dmn">
              <decision id="guard-decision" name="Décision d'essai">
                <decisionTable id="DecisionTable_Essai">
                  <input id="Input_Valeur">
                    <inputExpression id="InputExpression_Valeur" typeRef="string"><text>valeur</text></inputExpression>
                  </input>
                  <output id="Output_Resultat" name="resultat" typeRef="string" />
                  <rule id="Rule_Toujours">
                    <inputEntry id="UnaryTests_Toujours"><text></text></inputEntry>
                    <outputEntry id="LiteralExpression_Oui"><text>"oui"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """;
}
