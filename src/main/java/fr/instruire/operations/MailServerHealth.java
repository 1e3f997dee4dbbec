package fr.instruire.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SMTP server, as information: reachable or not, the application stays UP — a mail that cannot leave waits in its
 * job, retried, then an incident an operator sees in Cockpit. Without an SMTP server (the embedded run writes .eml
 * files), it says so.
 */
@Component("mailServer")
class MailServerHealth implements HealthIndicator {

    private final ObjectProvider<JavaMailSenderImpl> sender;

    MailServerHealth(ObjectProvider<JavaMailSenderImpl> sender) {
        this.sender = sender;
    }

    @Override
    public Health health() {
        var smtp = sender.getIfAvailable();
        if (smtp == null || smtp.getHost() == null || smtp.getHost().isBlank()) {
            return Health.up().withDetail("smtp", "aucun serveur configuré : les courriels sont déposés en fichiers .eml").build();
        }
        var where = smtp.getHost() + ":" + smtp.getPort();
        try {
            smtp.testConnection();
            return Health.up().withDetail("smtp", where).withDetail("joignable", true).build();
        } catch (Exception e) {
            return Health.up().withDetail("smtp", where).withDetail("joignable", false)
                    .withDetail("effet", "les courriels attendent dans leurs tâches, relancées ; l'application reste disponible")
                    .build();
        }
    }
}
