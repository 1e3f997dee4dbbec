package fr.instruire.notification;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    /** The outbox when {@code instruire.mail.outbox-dir} is set, SMTP ({@code spring.mail.host}) otherwise. */
    @Bean
    MailDelivery mailDelivery(MailProperties properties, ObjectProvider<JavaMailSender> smtp) {
        if (properties.outboxDir() != null && !properties.outboxDir().isBlank()) {
            return new OutboxDelivery(Path.of(properties.outboxDir()));
        }
        return new SmtpDelivery(smtp.getIfAvailable(() -> {
            throw new IllegalStateException("instruire.mail.outbox-dir est vide et spring.mail.host n'est pas "
                    + "configuré : aucun moyen d'envoyer les courriels");
        }));
    }
}
