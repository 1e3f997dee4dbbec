package fr.instruire.benchmark;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A second application node for the scale-out run: the packaged jar ({@code target/instruire-*.jar}, built by the
 * {@code package} phase before the benchmark runs) in its own JVM, on the same PostgreSQL and GreenMail, with its own
 * job executor. Its log is {@code target/benchmark/second-node.log}.
 */
final class SecondNode implements AutoCloseable {

    private final Process process;
    private final int port;

    private SecondNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SecondNode start(String jdbcUrl, int smtpPort, String admin, String adminPassword, String secret) throws Exception {
        var jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("instruire-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("target/instruire-*.jar absent : mvn package"));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var log = Path.of("target", "benchmark", "second-node.log");
        Files.createDirectories(log.getParent());
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-Xmx768m", "-jar", jar.toString(),
                "--spring.profiles.active=postgres",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--camunda.bpm.admin-user.id=" + admin,
                "--camunda.bpm.admin-user.password=" + adminPassword,
                "--camunda.bpm.generate-unique-process-engine-name=false",
                "--instruire.demo.enabled=false",
                "--instruire.secret=" + secret);
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var node = new SecondNode(process, port);
        node.awaitUp(log.toFile());
        return node;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitUp(File log) throws Exception {
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("le second nœud s'est arrêté : voir " + log);
            }
            try {
                var health = client.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("le second nœud n'a pas démarré en 3 minutes : voir " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
