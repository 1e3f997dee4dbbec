package fr.instruire.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, as the integration tests speak to it over HTTP: an administrator
 * ({@link #ADMIN} / {@link #ADMIN_PASSWORD}), mails through SMTP (no outbox), a job executor quick to pick up work.
 * The context is closed after the class, while its embedded PostgreSQL still runs (not in a shutdown hook racing it).
 * The database and GreenMail come from {@link EmbeddedServices#register} in each class's {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.admin-user.id=" + ApplicationIT.ADMIN,
        "camunda.bpm.admin-user.password=" + ApplicationIT.ADMIN_PASSWORD,
        "camunda.bpm.generate-unique-process-engine-name=false",
        "instruire.mail.outbox-dir=",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000",
        "instruire.metrics.refresh=PT2S"})
@ActiveProfiles("test")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface ApplicationIT {

    String ADMIN = "admin";
    String ADMIN_PASSWORD = "admin-du-test-2026";
}
