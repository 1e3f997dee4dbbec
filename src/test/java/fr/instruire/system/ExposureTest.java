package fr.instruire.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import fr.instruire.InstruireApplication;

/**
 * What the application shows to the network: the embedded demo run (accounts whose password is their name) listens on
 * this machine only unless an address is given on purpose; a production run listens everywhere, without the API
 * browser.
 */
class ExposureTest {

    private static final String STRONG_PASSWORD = "Vanille-Cannelle-1635";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theDemoRunListensOnThisMachineOnlyAndOffersTheApiBrowser() throws Exception {
        try (var context = start(new SpringApplicationBuilder(InstruireApplication.class), "demo-exposure")) {
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("demo");

            var address = boundAddress(context);
            assertThat(address).isNotNull();
            assertThat(address.isLoopbackAddress()).as("bound to %s", address).isTrue();
            assertThat(status(context, "/api/docs")).isIn(200, 302);
        }
    }

    @Test
    void productionListensOnEveryInterfaceWithoutTheApiBrowser() throws Exception {
        var production = new SpringApplicationBuilder(InstruireApplication.class).profiles("postgres");
        try (var context = start(production, "production-exposure", "--INSTRUIRE_ADMIN_PASSWORD=" + STRONG_PASSWORD, "--INSTRUIRE_SECRET=secret-de-production-pour-le-test-2026")) {
            var address = boundAddress(context);
            assertThat(address == null || address.isAnyLocalAddress()).as("bound to %s", address).isTrue();

            assertThat(status(context, "/api/docs")).isEqualTo(404);
            assertThat(status(context, "/swagger-ui/index.html")).isEqualTo(404);
            assertThat(status(context, "/webjars/swagger-ui/index.html")).isEqualTo(404);
            assertThat(status(context, "/api/openapi")).as("the API's description stays").isEqualTo(200);
        }
    }

    @Test
    void anAddressGivenOnPurposeOverridesTheDemoDefault() {
        try (var context = environmentOnly("--SERVER_ADDRESS=0.0.0.0")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
        }
        try (var context = environmentOnly()) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        }
    }

    /** The whole application on a random port, on an in-memory database and without demo data (the profile stays). */
    private static ConfigurableApplicationContext start(SpringApplicationBuilder application, String database,
                                                        String... more) {
        var arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--camunda.bpm.generate-unique-process-engine-name=true", "--camunda.bpm.job-execution.enabled=false",
                "--instruire.demo.enabled=false", "--instruire.mail.outbox-dir=target/" + database + "-outbox"));
        arguments.addAll(List.of(more));
        return application.web(WebApplicationType.SERVLET).run(arguments.toArray(String[]::new));
    }

    /** The configuration files as the application reads them, without starting it. */
    private static ConfigurableApplicationContext environmentOnly(String... arguments) {
        return new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE).run(arguments);
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    private static InetAddress boundAddress(ConfigurableApplicationContext context) {
        var server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        return (InetAddress) server.getTomcat().getConnector().getProperty("address");
    }

    private int status(ConfigurableApplicationContext context, String path) throws Exception {
        var port = ((WebServerApplicationContext) context).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
