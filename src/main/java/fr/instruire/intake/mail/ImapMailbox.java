package fr.instruire.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;

import fr.instruire.intake.mail.MailIntakeProperties.Mailbox;

/**
 * One IMAP session on a mailbox's folder, opened read-write for flags. Messages are read with BODY.PEEK: reading
 * one never marks it \Seen; only {@link #markSeen}, after its registration commits, does.
 */
class ImapMailbox implements AutoCloseable {

    /** A message not registered yet: its UID, INTERNALDATE (null if the server gives none) and Message-ID. */
    record Listed(long uid, Instant internalDate, String messageId) {
    }

    private final Store store;
    private final UIDFolder uids;
    private final Folder folder;

    private ImapMailbox(Store store, Folder folder) {
        this.store = store;
        this.folder = folder;
        this.uids = (UIDFolder) folder;
    }

    static ImapMailbox open(Mailbox mailbox) throws MessagingException {
        var protocol = mailbox.ssl() ? "imaps" : "imap";
        var properties = new Properties();
        // a silent server would otherwise hold the scheduler's thread for good
        properties.setProperty("mail." + protocol + ".connectiontimeout", "20000");
        properties.setProperty("mail." + protocol + ".timeout", "60000");
        properties.setProperty("mail." + protocol + ".writetimeout", "20000");
        properties.setProperty("mail." + protocol + ".peek", "true");
        properties.setProperty("mail." + protocol + ".fetchsize", String.valueOf(1024 * 1024));
        if (mailbox.ssl()) {
            properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        var store = Session.getInstance(properties).getStore(protocol);
        store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
        try {
            var folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            return new ImapMailbox(store, folder);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    long uidValidity() throws MessagingException {
        return uids.getUIDValidity();
    }

    /**
     * The messages received since {@code since} whose UID is not in {@code registered}, by UID. IMAP's SEARCH SINCE
     * takes a day in the server's zone: the search starts a day early and the instant is checked here.
     */
    List<Listed> notRegistered(Instant since, Set<Long> registered) throws MessagingException {
        var found = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since.minus(Duration.ofDays(1)))));
        var byUid = new FetchProfile();
        byUid.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(found, byUid);
        var fresh = new ArrayList<Message>();
        for (var message : found) {
            if (!registered.contains(uids.getUID(message))) {
                fresh.add(message);
            }
        }
        var envelopes = new FetchProfile();
        envelopes.add(FetchProfile.Item.ENVELOPE);
        folder.fetch(fresh.toArray(Message[]::new), envelopes);
        var listed = new ArrayList<Listed>();
        for (var message : fresh) {
            var internal = message.getReceivedDate();
            if (internal != null && internal.toInstant().isBefore(since)) {
                continue;
            }
            listed.add(new Listed(uids.getUID(message), internal == null ? null : internal.toInstant(),
                    ((MimeMessage) message).getMessageID()));
        }
        listed.sort(Comparator.comparingLong(Listed::uid));
        return listed;
    }

    /** The message as the server keeps it, byte for byte. */
    byte[] raw(long uid) throws MessagingException {
        var message = uids.getMessageByUID(uid);
        if (message == null) {
            throw new MessagingException("UID " + uid + " absent du dossier " + folder.getFullName());
        }
        var out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("lecture du message UID " + uid, e);
        }
        return out.toByteArray();
    }

    void markSeen(long uid) throws MessagingException {
        var message = uids.getMessageByUID(uid);
        if (message != null) {
            message.setFlag(Flags.Flag.SEEN, true);
        }
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException ignored) {
            // closing: the server drops the session anyway
        } finally {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // idem
            }
        }
    }
}
