package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/**
 * « The first minute of a campaign »: sixteen applicants submit at the same instant to a campaign that has no dossier
 * yet; all are accepted, numbered 0001 to 0016 without a gap, on PostgreSQL over HTTP (H2: {@code DossierNumbersOnH2Test}),
 * with a connection pool smaller than the crowd.
 */
@ApplicationIT
class FirstMinuteOfACampaignIT {

    static final String CAMPAIGN = "premiere-minute-it";
    static final int APPLICANTS = 16;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "first_minute");
        // fewer connections than applicants: a submission that needed a second connection while holding one would
        // wait for the others until the pool's timeout (a CI run's 500 with 10 connections)
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 4);
        registry.add("spring.datasource.hikari.connection-timeout", () -> 10_000);
    }

    @LocalServerPort
    int port;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    void openCampaign() throws Exception {
        FacilisoinsApplications.openCampaign(new Api(port), CAMPAIGN, "PMIN");
    }

    @Test
    void sixteenFirstSubmissionsAtOnceAreAllNumberedWithoutGap() throws Exception {
        var numbers = submitAtOnce(port, CAMPAIGN, APPLICANTS);
        var year = numbers.get(0).substring("PMIN-".length(), "PMIN-".length() + 4);
        assertThat(numbers).containsExactlyElementsOf(expected("PMIN-" + year + "-", APPLICANTS));
        assertThat(jdbc.sql("SELECT dossier_number FROM dossier WHERE campaign_key = ? ORDER BY dossier_number")
                .param(CAMPAIGN).query(String.class).list()).containsExactlyElementsOf(numbers);
        assertThat(jdbc.sql("SELECT last_value FROM dossier_number_sequence WHERE prefix_year = ?")
                .param("PMIN-" + year).query(Integer.class).single()).isEqualTo(APPLICANTS);
    }

    /** {@code count} applications sent together (a latch starts the threads at once): the numbers given, sorted; all 201. */
    static List<String> submitAtOnce(int port, String campaign, int count) throws Exception {
        var json = new ObjectMapper();
        var http = HttpClient.newHttpClient();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(count);
        var answers = new ArrayList<Future<HttpResponse<String>>>();
        try {
            for (int i = 1; i <= count; i++) {
                var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/campaigns/" + campaign + "/applications"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", campaign + "-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                FacilisoinsApplications.application("direction" + i + "@premiere-minute.example"), StandardCharsets.UTF_8))
                        .build();
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            var numbers = new ArrayList<String>();
            for (var answer : answers) {
                var response = answer.get(5, TimeUnit.MINUTES);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                assertThat(response.headers().firstValue("Idempotent-Replayed")).hasValue("false");
                numbers.add(json.readTree(response.body()).get("dossierNumber").asText());
            }
            numbers.sort(Comparator.naturalOrder());
            return numbers;
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> expected(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + "%04d".formatted(n)).toList();
    }
}
