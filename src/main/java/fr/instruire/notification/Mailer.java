package fr.instruire.notification;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a dossier's mail at least once. The Message-ID numbers the occurrences of a template for a dossier from
 * {@code mail_log}: a retry after a crash (mail sent, transaction rolled back) sends the same Message-ID again, so
 * the recipient's client shows one mail; the next real occurrence (a second complements request) gets the next one.
 */
@Service
public class Mailer {

    /** {@code to} in a model: the members of a Camunda group instead of the dossier's contact. */
    static final String GROUP_PREFIX = "group:";
    /** {@code about}: a dossier's new access token, for the one mail that gives it (template {@code jeton-acces}). */
    public static final String ACCESS_TOKEN = "accessToken";

    private final MailComposer composer;
    private final MailLog log;
    private final MailDelivery delivery;
    private final MailRecipients recipients;

    Mailer(MailComposer composer, MailLog log, MailDelivery delivery, MailRecipients recipients) {
        this.composer = composer;
        this.log = log;
        this.delivery = delivery;
        this.recipients = recipients;
    }

    /**
     * Renders {@code template} for the dossier, sends it to the dossier's contact and records it in
     * {@code mail_log}, in the caller's transaction. Throws when the mail could not be handed over: nothing is then
     * recorded, and the caller (a job) is retried.
     */
    @Transactional
    public SentMail send(String template, String dossierNumber) {
        return send(template, dossierNumber, null, false);
    }

    /**
     * As {@link #send(String, String)}, to {@code to} when given ({@code group:<groupId>}: the e-mail addresses of that
     * group's members; else one address) and, when {@code copyToArs}, with a copy to the ARS mailbox of the dossier's
     * region for its call (its descriptor's {@code regionalMailboxes}) — none while the region is unknown or the call lists no mailbox.
     */
    @Transactional
    public SentMail send(String template, String dossierNumber, String to, boolean copyToArs) {
        return send(template, dossierNumber, to, copyToArs, Map.of());
    }

    /** As {@link #send(String, String, String, boolean)}, about what the model's step names (a tranche's key). */
    @Transactional
    public SentMail send(String template, String dossierNumber, String to, boolean copyToArs, Map<String, String> about) {
        var addresses = recipients.to(to);
        var copy = copyToArs ? recipients.arsMailbox(dossierNumber).orElse(null) : null;
        var mail = composer.compose(template, dossierNumber, log.count(dossierNumber, template) + 1, addresses, copy, about);
        delivery.deliver(mail.message());
        var sent = new SentMail(mail.messageId(), mail.recipient(), mail.subject(), mail.date(), delivery.state());
        log.record(dossierNumber, template, sent, copy);
        return sent;
    }
}
