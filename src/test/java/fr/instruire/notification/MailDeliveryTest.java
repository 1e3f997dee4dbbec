package fr.instruire.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Which way mails leave, by {@code instruire.mail.outbox-dir}. */
class MailDeliveryTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MailConfiguration.class);

    @Test
    void anOutboxDirectoryWritesMailsThere(@TempDir Path outbox) {
        context.withPropertyValues("instruire.mail.outbox-dir=" + outbox)
                .withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .run(c -> assertThat(c).getBean(MailDelivery.class).isInstanceOf(OutboxDelivery.class));
    }

    @Test
    void aBlankOutboxSendsThroughSmtp() {
        context.withPropertyValues("instruire.mail.outbox-dir= ")
                .withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .run(c -> assertThat(c).getBean(MailDelivery.class).isInstanceOf(SmtpDelivery.class));
    }

    @Test
    void neitherOutboxNorSmtpStopsTheApplicationAtStart() {
        context.withPropertyValues("instruire.mail.outbox-dir=")
                .run(c -> assertThat(c).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("spring.mail.host"));
    }

    @Test
    void theOutboxFileIsNamedAfterTheMessageId() {
        assertThat(OutboxDelivery.fileName("<ESMS-2021-0007.decision.1@instruire.localhost>"))
                .isEqualTo("ESMS-2021-0007.decision.1@instruire.localhost.eml");
        assertThat(OutboxDelivery.fileName("<a/../b c@x>")).isEqualTo("a_.._b_c@x.eml");
    }
}
