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
        var boundary = "----modeler" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nModeler\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filename + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
