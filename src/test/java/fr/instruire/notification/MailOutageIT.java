package fr.instruire.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.instruire.campaign.CampaignDefinition;
import fr.instruire.campaign.CampaignService;
import fr.instruire.intake.ApplicationRequest;
import fr.instruire.intake.IntakeService;
import fr.instruire.support.EmbeddedServices;

/**
 * An SMTP outage: the acknowledgement's job fails and is retried by its retry cycle, then raises an incident that
 * Cockpit shows — and the dossier, its row and its process instance, stay as they were.
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "instruire.mail.outbox-dir=",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000"})
@ActiveProfiles("test")
@DirtiesContext // closed while its PostgreSQL still runs, not in a shutdown hook racing the database's
class MailOutageIT {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "outage");
        registry.add("spring.mail.port", () -> 9); // nothing listens there: the SMTP server is down
    }

    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anSmtpOutageRetriesThenRaisesAnIncidentAndNeverLosesTheDossier() {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        campaigns.open(new CampaignDefinition("esms-numerique-panne-smtp", "esms-numerique", "Panne SMTP", "Guadeloupe",
                "America/Guadeloupe", today.minusDays(1).toString(), today.plusDays(30).toString(),
                today.plusDays(5).toString(), today.plusDays(60).toString(), 1_000_000L, "PANNE",
                "instructeurs-guadeloupe", "comite-guadeloupe", null, null, null));
        var facts = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(
                fr.instruire.support.Esms.application("PA", "ACQUISITION", "MOYEN_GRAND", 1, 2, true, true,
                        List.of(new fr.instruire.support.Esms("970100001", "EHPAD", "Guadeloupe", "MOYEN_GRAND", true, false))),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, com.fasterxml.jackson.databind.JsonNode>>() { });
        var number = intake.submit("esms-numerique-panne-smtp", new ApplicationRequest(
                new ApplicationRequest.Organisation("Association Panne", null, null, "panne@candidat.example"),
                new ApplicationRequest.Project("DUI", null), facts)).response().dossierNumber();
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();

        var job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        for (int attempt = 1; attempt <= 5; attempt++) {
            var id = job.getId();
            assertThatThrownBy(() -> management.executeJob(id)).as("attempt %d", attempt).isInstanceOf(Exception.class);
            job = management.createJobQuery().jobId(id).singleResult();
            assertThat(job.getRetries()).isEqualTo(5 - attempt);
        }

        var incident = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Activity_EnvoyerAccuseReception");
        assertThat(job.getExceptionMessage()).isNotBlank();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).active().count()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single())
                .isEqualTo("SUBMITTED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_log WHERE dossier_number = ?").param(number).query(Integer.class).single())
                .isZero();
    }
}
