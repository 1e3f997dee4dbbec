package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/** {@link FirstMinuteOfACampaignIT} on H2, the embedded run's database (in memory here, with its default settings). */
@ApplicationIT
class FirstMinuteOfACampaignOnH2IT {

    static final String CAMPAIGN = "premiere-minute-h2";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:first-minute-h2;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> EmbeddedServices.greenMail().getSmtp().getPort());
    }

    @LocalServerPort
    int port;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    void openCampaign() throws Exception {
        FacilisoinsApplications.openCampaign(new Api(port), CAMPAIGN, "PMH");
    }

    @Test
    void sixteenFirstSubmissionsAtOnceAreAllNumberedWithoutGap() throws Exception {
        var numbers = FirstMinuteOfACampaignIT.submitAtOnce(port, CAMPAIGN, FirstMinuteOfACampaignIT.APPLICANTS);
        var year = numbers.get(0).substring("PMH-".length(), "PMH-".length() + 4);
        assertThat(numbers).containsExactlyElementsOf(FirstMinuteOfACampaignIT.expected("PMH-" + year + "-", FirstMinuteOfACampaignIT.APPLICANTS));
        assertThat(jdbc.sql("SELECT count(*) FROM dossier WHERE campaign_key = ?").param(CAMPAIGN).query(Long.class).single())
                .isEqualTo(FirstMinuteOfACampaignIT.APPLICANTS);
    }
}
