package fr.instruire.notification;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Clock;

/** Builds the mail of a template for a dossier: French text, its contact as recipient, a stable Message-ID. */
@Component
class MailComposer {

    private static final String UTF_8 = "UTF-8";

    private final Dossiers dossiers;
    private final Campaigns campaigns;
    private final MailVariables variables;
    private final MailTemplates templates;
    private final MailProperties properties;
    private final Session session = Session.getInstance(new Properties());

    MailComposer(Dossiers dossiers, Campaigns campaigns, MailVariables variables, MailTemplates templates,
                 MailProperties properties) {
        this.dossiers = dossiers;
        this.campaigns = campaigns;
        this.variables = variables;
        this.templates = templates;
        this.properties = properties;
    }

    record ComposedMail(String messageId, String recipient, String subject, String body, Instant date,
                        MimeMessage message, String copyTo) {

        ComposedMail(String messageId, String recipient, String subject, String body, Instant date, MimeMessage message) {
            this(messageId, recipient, subject, body, date, message, null);
        }
    }

    /** {@code occurrence}: 1 for the dossier's first mail of this template, 2 for the second… */
    ComposedMail compose(String template, String dossierNumber, int occurrence) {
        return compose(template, dossierNumber, occurrence, List.of(), null, Map.of());
    }

    /**
     * {@code to}: the recipients instead of the dossier's contact (empty: the contact); {@code copyTo}: an address in
     * copy (the ARS mailbox), or null; {@code about}: what the model's step names beyond the dossier (a tranche's key,
     * {@link MailVariables#TRANCHE}).
     */
    ComposedMail compose(String template, String dossierNumber, int occurrence, List<String> to, String copyTo,
                         Map<String, String> about) {
        var dossier = dossiers.get(dossierNumber);
        var campaign = campaigns.get(dossier.campaignKey());
        var rendered = templates.render(campaign.callId(), template, variables.of(dossier, campaign, about));
        var messageId = "<%s.%s.%d@%s>".formatted(dossierNumber, template, occurrence, properties.messageIdDomain());
        var date = Clock.now();
        try {
            var message = new StableIdMimeMessage(session, messageId);
            message.setFrom(new InternetAddress(properties.from(), true));
            if (to.isEmpty()) {
                message.setRecipient(MimeMessage.RecipientType.TO,
                        recipient(dossier.contactEmail(), dossier.contactName()));
            } else {
                for (var address : to) {
                    message.addRecipient(MimeMessage.RecipientType.TO, recipient(address, null));
                }
            }
            if (copyTo != null) {
                message.setRecipient(MimeMessage.RecipientType.CC, recipient(copyTo, null));
            }
            message.setSubject(rendered.subject(), UTF_8);
            message.setSentDate(Date.from(date));
            message.setText(rendered.body(), UTF_8);
            message.setContentLanguage(new String[] {"fr"});
            // RFC 3834: out-of-office and other robots do not answer it; Exchange reads its own header for that
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.saveChanges();
            return new ComposedMail(messageId, to.isEmpty() ? dossier.contactEmail() : String.join(", ", to),
                    rendered.subject(), rendered.body(), date, message, copyTo);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Courriel « %s » du dossier %s impossible à composer".formatted(template,
                    dossierNumber), e);
        }
    }

    private static InternetAddress recipient(String email, String name) throws UnsupportedEncodingException,
            MessagingException {
        var address = new InternetAddress(email, name == null || name.isBlank() ? null : name, UTF_8);
        address.validate();
        return address;
    }
}
