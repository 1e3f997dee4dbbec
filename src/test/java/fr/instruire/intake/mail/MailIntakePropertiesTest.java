package fr.instruire.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The mailboxes as production configures them: environment variables, with defaults for the rest. */
class MailIntakePropertiesTest {

    @Test
    void aMailboxFromTheEnvironmentWithItsDefaults() {
        var properties = bind(Map.of(
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_CAMPAIGN", "facilisoins-2022",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_HOST", "imap.social.gouv.fr",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_SSL", "true",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_USERNAME", "dgcs-secr-sd5@social.gouv.fr",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_PASSWORD", "secret",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_SUBJECT", "FACILISOINS – appel à candidatures",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_POLLINTERVAL", "PT5M"));

        var mailbox = properties.mailboxes().get(0);
        assertThat(mailbox.campaign()).isEqualTo("facilisoins-2022");
        assertThat(mailbox.port()).isEqualTo(993);
        assertThat(mailbox.folder()).isEqualTo("INBOX");
        assertThat(mailbox.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(mailbox.id()).isEqualTo("dgcs-secr-sd5@social.gouv.fr@imap.social.gouv.fr/inbox");
        assertThat(mailbox.toString()).doesNotContain("secret");
    }

    @Test
    void noMailboxByDefault() {
        assertThat(bind(Map.of()).mailboxes()).isEmpty();
    }

    @Test
    void aMailboxWithoutItsCampaignOrSubjectIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of(
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_HOST", "imap.example.org",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_USERNAME", "x",
                "INSTRUIRE_MAILINTAKE_MAILBOXES_0_SUBJECT", "Objet")))
                .hasRootCauseMessage("instruire.mail-intake.mailboxes[].campaign est obligatoire");
    }

    private static MailIntakeProperties bind(Map<String, Object> environment) {
        var env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env))
                .bind("instruire.mail-intake", MailIntakeProperties.class)
                .orElseGet(() -> new MailIntakeProperties(null));
    }
}
