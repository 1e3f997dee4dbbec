package fr.instruire.intake.mail;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Polls each configured mailbox every {@code poll-interval}, the first time one interval after the application is
 * ready. Fixed delay: a poll starts only once the previous one of the scheduler has ended, so a slow server never
 * piles polls up (and {@link MailboxPoller} refuses a second concurrent poll of a mailbox anyway).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MailIntakeProperties.class)
class MailIntakeConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntakeConfiguration.class);

    private final MailIntakeProperties properties;
    private final MailboxPoller poller;
    private final TaskScheduler scheduler;

    MailIntakeConfiguration(MailIntakeProperties properties, MailboxPoller poller, TaskScheduler scheduler) {
        this.properties = properties;
        this.poller = poller;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedulePolls() {
        for (var mailbox : properties.mailboxes()) {
            LOG.info("Réception par courriel : {} relevée toutes les {}", mailbox, mailbox.pollInterval());
            scheduler.scheduleWithFixedDelay(() -> poller.poll(mailbox), Instant.now().plus(mailbox.pollInterval()),
                    mailbox.pollInterval());
        }
    }
}
