package fr.instruire.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/**
 * What Camunda Modeler's « Deploy current diagram » does, against the running application: an administrator's
 * deployment of a model written with the element templates goes through and becomes the latest version; a model that
 * does not parse is refused with the engine's message and deploys nothing; without a login, nothing.
 */
@ApplicationIT
class ModelDeploymentIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "deployment");
    }

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.FormService formService;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    SpringProcessEngineConfiguration configuration;

    @Test
    void aProcessOwnerDeploysFromModelerAndABrokenModelIsRefused() throws Exception {
        var admin = Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD);
        var model = Files.readAllBytes(Path.of("bpmn/common/payment-tranche.bpmn"));
        var before = repository.createProcessDefinitionQuery().processDefinitionKey("payment-tranche").latestVersion().singleResult();
        // a process owner's change: the same model, renamed in French (a new version, template-based tasks kept)
        var changed = new String(model, StandardCharsets.UTF_8)
                .replace("name=\"Verser une tranche de la subvention\"", "name=\"Verser une tranche de la subvention (v2)\"");

        assertThat(deploy("payment-tranche.bpmn", changed.getBytes(StandardCharsets.UTF_8), null).statusCode())
                .as("no login, no deployment").isEqualTo(401);
        var deployed = deploy("payment-tranche.bpmn", changed.getBytes(StandardCharsets.UTF_8), admin);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        var latest = repository.createProcessDefinitionQuery().processDefinitionKey("payment-tranche").latestVersion().singleResult();
        assertThat(latest.getVersion()).isEqualTo(before.getVersion() + 1);
        assertThat(latest.getName()).endsWith("(v2)");

        // a service task without its bean: the engine's parser refuses it, with its message (400)
        var invalid = changed.replace("camunda:delegateExpression=\"${scheduleTranche}\"", "");
        var refused = deploy("payment-tranche.bpmn", invalid.getBytes(StandardCharsets.UTF_8), admin);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("ENGINE-09005", "Activity_PrevoirTranche");
        // a file that is not even XML: refused too, with the parser's words
        var broken = changed.replace("</bpmn:process>", "<bpmn:userTask id=\"Activity_Cassee\"></bpmn:process>");
        var unreadable = deploy("payment-tranche.bpmn", broken.getBytes(StandardCharsets.UTF_8), admin);
        assertThat(unreadable.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(unreadable.body()).contains("bpmn:userTask");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("payment-tranche").latestVersion()
                .singleResult().getVersion()).as("nothing deployed").isEqualTo(latest.getVersion());
    }

    /**
     * A process owner's version of a call's dossier model, written with the templates and deployed from Modeler with
     * the forms, decisions and tranche process it uses, is the one a new application runs: the dossier goes through
     * its template-based steps (status, rules, mail) to the reviewer's recevabilité, whose form resolves.
     */
    @Test
    void aTemplateBasedModelDeployedFromModelerRunsTheNextDossier() throws Exception {
        var files = new java.util.LinkedHashMap<String, byte[]>();
        var dossier = Files.readString(Path.of("bpmn/esms-numerique/esms-numerique-dossier.bpmn"));
        assertThat(dossier).contains("camunda:modelerTemplate=\"fr.instruire.");
        files.put("esms-numerique-dossier.bpmn", dossier.replaceFirst("(<bpmn:process id=\"esms-numerique-dossier\" name=\"[^\"]*)\"",
                "$1 (version du responsable)\"").getBytes(StandardCharsets.UTF_8));
        files.put("payment-tranche.bpmn", Files.readAllBytes(Path.of("bpmn/common/payment-tranche.bpmn")));
        for (var folder : java.util.List.of("dmn/esms-numerique", "forms/esms-numerique", "forms/common")) {
            try (var found = Files.list(Path.of(folder))) {
                for (var file : found.toList()) {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        var deployed = deploy(files, Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        var latest = repository.createProcessDefinitionQuery().processDefinitionKey("esms-numerique-dossier").latestVersion().singleResult();
        assertThat(latest.getName()).endsWith("(version du responsable)");

        var today = java.time.LocalDate.now(java.time.ZoneId.of("America/Guadeloupe"));
        var api = new Api(port);
        assertThat(api.post("/api/campaigns", fr.instruire.support.EsmsNumerique.campaign("esms-numerique-modeler", "Guadeloupe",
                "MOD", "instructeurs-modeler", "comite-modeler", today), Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD))
                .statusCode()).isEqualTo(201);
        var submitted = api.post("/api/campaigns/esms-numerique-modeler/applications",
                fr.instruire.support.EsmsNumerique.application("direction@modeler.example", "Guadeloupe", "9701000"), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var number = new com.fasterxml.jackson.databind.ObjectMapper().readTree(submitted.body()).get("dossierNumber").asText();
        var task = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(number).taskDefinitionKey("Activity_VerifierRecevabilite").singleResult(), t -> t != null);
        assertThat(task.getProcessDefinitionId()).as("the process owner's version runs it").isEqualTo(latest.getId());
        assertThat(formService.getDeployedTaskForm(task.getId())).as("its form, from the same deployment").isNotNull();
        assertThat(jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }

    /**
     * The application's own start: nothing is deployed unless a repository file changed, then the files together (each
     * model finds its forms, decisions and called tranche in its own deployment), and the Modeler versions the repository
     * lacks are reported as information, never as a failure ({@link ModelerVersionGuardTest} restarts the engine).
     */
    @Test
    void theStartDeploysTheRepositoryAsOneSetAndReportsModelerVersions() throws Exception {
        assertThat(configuration.isDeployChangedOnly()).as("…Binding=\"deployment\" needs the whole set").isFalse();
        assertThat(configuration.getDeploymentName()).isEqualTo("SpringAutoDeployment");
        var health = new Api(port).get("/actuator/health/models", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "versionsModeler");
    }

    private HttpResponse<String> deploy(String filename, byte[] content, String authorization) throws Exception {
        return deploy(java.util.Map.of(filename, content), authorization);
    }

    /** What Modeler sends for a diagram deployed with the files it uses (« Include additional files »). */
    private HttpResponse<String> deploy(java.util.Map<String, byte[]> files, String authorization) throws Exception {
        var boundary = "----modeler" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nModeler\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
