package fr.instruire.notification;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a dossier's mail at least once. The Message-ID numbers the occurrences of a template for a dossier from
 * {@code mail_log}: a retry after a crash (mail sent, transaction rolled back) sends the same Message-ID again, so
 * the recipient's client shows one mail; the next real occurrence (a second complements request) gets the next one.
 */
@Service
public class Mailer {

    private final MailComposer composer;
    private final MailLog log;
    private final MailDelivery delivery;

    Mailer(MailComposer composer, MailLog log, MailDelivery delivery) {
        this.composer = composer;
        this.log = log;
        this.delivery = delivery;
    }

    /**
     * Renders {@code template} for the dossier, sends it to the dossier's contact and records it in
     * {@code mail_log}, in the caller's transaction. Throws when the mail could not be handed over: nothing is then
     * recorded, and the caller (a job) is retried.
     */
    @Transactional
    public SentMail send(String template, String dossierNumber) {
        var mail = composer.compose(template, dossierNumber, log.count(dossierNumber, template) + 1);
        delivery.deliver(mail.message());
        var sent = new SentMail(mail.messageId(), mail.recipient(), mail.subject(), mail.date(), delivery.state());
        log.record(dossierNumber, template, sent);
        return sent;
    }
}
