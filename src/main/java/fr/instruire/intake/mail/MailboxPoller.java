package fr.instruire.intake.mail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaigns;
import fr.instruire.intake.mail.MailIntakeProperties.Mailbox;

/**
 * Takes a mailbox's new messages, each registered in its own transaction ({@link MailIntake#register}), then flagged
 * \Seen on the server. Exactly once, whatever fails when:
 * <ul>
 * <li>what is new is decided by the registry, not by flags: the messages received since the campaign opened whose
 * UID (within the folder's UIDVALIDITY) is not registered — a person reading the mailbox, and so flagging messages
 * \Seen, hides nothing from Instruire;</li>
 * <li>a failure before the commit (database, engine, a crash) leaves the message unregistered: the next poll takes
 * it again; the others of the poll go on;</li>
 * <li>a crash between the commit and the flag leaves it registered: the next poll skips it (it stays unflagged);</li>
 * <li>the same Message-ID again (a second delivery, a new UIDVALIDITY) is skipped; two pollers racing on one message
 * (two nodes) are told apart by the registry's unique key, the loser skips it.</li>
 * </ul>
 * Messages received before the campaign opened are left alone.
 */
@Component
class MailboxPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailIntakeProperties properties;
    private final Campaigns campaigns;
    private final InboundMails inbound;
    private final MailIntake intake;
    private final Map<String, ReentrantLock> polling = new ConcurrentHashMap<>();

    MailboxPoller(MailIntakeProperties properties, Campaigns campaigns, InboundMails inbound, MailIntake intake) {
        this.properties = properties;
        this.campaigns = campaigns;
        this.inbound = inbound;
        this.intake = intake;
    }

    /** What a poll did: messages registered, skipped as registered already, and left for the next poll. */
    record Poll(int registered, int skipped, int failed) {

        static final Poll NONE = new Poll(0, 0, 0);
    }

    Poll poll(String mailboxId) {
        return poll(properties.mailboxes().stream().filter(m -> m.id().equals(mailboxId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Boîte non configurée : " + mailboxId)));
    }

    /** One poll at a time per mailbox: a poll asked while another runs returns at once, having done nothing. */
    Poll poll(Mailbox mailbox) {
        var lock = polling.computeIfAbsent(mailbox.id(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Poll.NONE;
        }
        try {
            return pollNow(mailbox);
        } finally {
            lock.unlock();
        }
    }

    private Poll pollNow(Mailbox mailbox) {
        var campaign = campaigns.find(mailbox.campaign()).orElse(null);
        if (campaign == null) {
            LOG.warn("Réception par courriel : {} — campagne inconnue, boîte non relevée", mailbox);
            return Poll.NONE;
        }
        int registered = 0;
        int skipped = 0;
        int failed = 0;
        try (var imap = ImapMailbox.open(mailbox)) {
            var uidValidity = imap.uidValidity();
            for (var listed : imap.notRegistered(campaign.submissionOpensAt(), inbound.registeredUids(mailbox.id(), uidValidity))) {
                if (listed.messageId() != null && !listed.messageId().isBlank()
                        && inbound.isRegistered(mailbox.id(), ReceivedMail.key(listed.messageId(), new byte[0]))) {
                    skipped++;
                    registered(imap, listed.uid());
                    continue;
                }
                try {
                    var raw = imap.raw(listed.uid());
                    if (intake.register(mailbox, campaign, uidValidity, listed.uid(), listed.internalDate(), raw).isPresent()) {
                        registered++;
                    } else {
                        skipped++;
                    }
                } catch (DuplicateKeyException registeredMeanwhile) {
                    skipped++;
                } catch (FolderClosedException | StoreClosedException lost) {
                    throw lost;
                } catch (MessagingException | RuntimeException e) {
                    failed++;
                    LOG.error("Réception par courriel : {} — message UID {} non enregistré, repris au prochain relevé",
                            mailbox, listed.uid(), e);
                    continue;
                }
                registered(imap, listed.uid());
            }
        } catch (MessagingException e) {
            LOG.warn("Réception par courriel : {} — relevé interrompu ({}), repris au prochain relevé", mailbox, e.toString());
            failed++;
        }
        if (registered + failed > 0) {
            LOG.info("Réception par courriel : {} — {} message(s) enregistré(s), {} déjà connu(s), {} en échec",
                    mailbox, registered, skipped, failed);
        }
        return new Poll(registered, skipped, failed);
    }

    /**
     * After the registration committed: flags the message \Seen, for the people who read the mailbox. The next polls
     * do not depend on it; a failure here is only logged.
     */
    void registered(ImapMailbox imap, long uid) {
        try {
            imap.markSeen(uid);
        } catch (MessagingException e) {
            LOG.warn("Réception par courriel : message UID {} enregistré mais non marqué lu ({})", uid, e.toString());
        }
    }
}
