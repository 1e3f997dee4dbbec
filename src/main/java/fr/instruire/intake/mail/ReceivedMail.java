package fr.instruire.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * What Instruire reads from a received message: sender, subject, text and attachments. Reading never fails: a
 * header or part that cannot be read is left out (the raw message is kept beside it), and a message that cannot be
 * read at all is {@code readable = false}.
 *
 * @param messageKey     what makes the message unique in a mailbox: its Message-ID, else a SHA-256 of its bytes
 * @param fromAddress    the sender's address, null when none can be read
 * @param fromName       the sender's display name (RFC 2047 decoded), null when absent
 * @param contactAddress where to answer: the Reply-To address, else the sender's
 * @param sentAt         the Date header, null when absent or unreadable
 * @param automatic      sent by a machine on its own (RFC 3834 {@code Auto-Submitted}: auto-replies, notifications)
 * @param text           the message's text (text/plain, else text/html stripped of its tags), "" when none
 */
record ReceivedMail(boolean readable, String messageKey, String fromAddress, String fromName, String contactAddress,
                    String subject, Instant sentAt, boolean automatic, String text, List<Attachment> attachments) {

    static final int MAX_KEY_LENGTH = 300;
    private static final Session SESSION = Session.getInstance(properties());

    record Attachment(String filename, byte[] content) {
    }

    static ReceivedMail parse(byte[] raw) {
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return new ReceivedMail(false, key(null, raw), null, null, null, null, null, false, "", List.of());
        }
        var from = first(() -> message.getFrom());
        var replyTo = first(() -> message.getReplyTo());
        var fromAddress = from == null ? null : blankToNull(from.getAddress());
        var contact = replyTo != null && blankToNull(replyTo.getAddress()) != null ? replyTo.getAddress() : fromAddress;
        var body = new Body();
        body.walk(message);
        return new ReceivedMail(body.unreadableParts == 0,
                key(read(message::getMessageID), raw),
                fromAddress,
                from == null ? null : blankToNull(from.getPersonal()),
                contact,
                read(message::getSubject),
                read(() -> message.getSentDate() == null ? null : message.getSentDate().toInstant()),
                isAutomatic(read(() -> message.getHeader("Auto-Submitted", ","))),
                body.text(),
                List.copyOf(body.attachments));
    }

    /** The registry's key for a message: its Message-ID (hashed when very long), else a hash of its bytes. */
    static String key(String messageId, byte[] raw) {
        var id = messageId == null ? "" : messageId.replaceAll("\\s", "");
        if (id.isEmpty()) {
            return "sha256:" + sha256(raw);
        }
        return id.length() <= MAX_KEY_LENGTH ? id : "sha256:" + sha256(id.getBytes(StandardCharsets.UTF_8));
    }

    /** « Hélène Dupré <helene.dupre@mimosas.example> », or what is known of the sender. */
    String sender() {
        if (fromAddress == null) {
            return fromName == null ? "expéditeur inconnu" : fromName;
        }
        return fromName == null ? fromAddress : fromName + " <" + fromAddress + ">";
    }

    List<String> attachmentNames() {
        return attachments.stream().map(Attachment::filename).toList();
    }

    /** The beginning of the text, for a reviewer to recognise the message. */
    String excerpt(int length) {
        var compact = text.replace("\r\n", "\n").replace('\r', '\n')
                .replaceAll("[ \\t\\x0B\\f\\u00A0]+", " ")
                .replaceAll(" ?\n ?", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
        return compact.length() <= length ? compact : compact.substring(0, length).strip() + " […]";
    }

    private static boolean isAutomatic(String autoSubmitted) {
        return autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.strip().equalsIgnoreCase("no");
    }

    /** Walks the MIME tree: the first text part is the text, every named or attached part an attachment. */
    private static final class Body {

        private String plain;
        private String html;
        private final List<Attachment> attachments = new ArrayList<>();
        private int unreadableParts;

        /** Reads what it can: a part that cannot be read is counted and skipped, the others are still read. */
        void walk(Part part) {
            try {
                if (part.isMimeType("multipart/*") && part.getContent() instanceof MimeMultipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i));
                    }
                } else {
                    leaf(part);
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                unreadableParts++;
            }
        }

        private void leaf(Part part) throws MessagingException, IOException {
            var filename = read(part::getFileName);
            var attached = Part.ATTACHMENT.equalsIgnoreCase(read(part::getDisposition));
            if (filename != null || attached || part.isMimeType("message/rfc822")) {
                attachments.add(new Attachment(safeName(filename, part, attachments.size() + 1), bytes(part)));
            } else if (part.isMimeType("text/plain") && plain == null) {
                plain = text(part);
            } else if (part.isMimeType("text/html") && html == null) {
                html = text(part);
            }
        }

        /** The part decoded; if its transfer encoding is damaged, as it came (the name is still worth listing). */
        private byte[] bytes(Part part) throws MessagingException, IOException {
            try (var in = part.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException damaged) {
                unreadableParts++;
                if (part instanceof MimeBodyPart body) {
                    try (var in = body.getRawInputStream()) {
                        return in.readAllBytes();
                    }
                }
                return new byte[0];
            }
        }

        /** The text in its charset; an unknown charset is read as UTF-8 rather than lost. */
        private String text(Part part) throws MessagingException, IOException {
            try {
                return String.valueOf(part.getContent());
            } catch (UnsupportedEncodingException unknownCharset) {
                try (var in = part.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }

        String text() {
            if (plain != null) {
                return plain;
            }
            if (html != null) {
                return html.replaceAll("(?is)<(style|script)[^>]*>.*?</\\1>", " ").replaceAll("(?i)<br\\s*/?>|</p>", "\n")
                        .replaceAll("<[^>]*>", " ").replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
                        .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
            }
            return "";
        }

        /** A name to store the file under: no path, no control characters, at most 255 characters. */
        private static String safeName(String filename, Part part, int rank) throws MessagingException {
            var name = filename == null ? "" : decoded(filename).replaceAll(".*[\\\\/]", "").replaceAll("[\\p{Cntrl}\"]", "_").strip();
            if (name.isEmpty()) {
                name = part.isMimeType("message/rfc822") ? "message-joint-" + rank + ".eml" : "piece-jointe-" + rank;
            }
            if (name.length() > 255) {
                var dot = name.lastIndexOf('.');
                var extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
                name = name.substring(0, 255 - extension.length()) + extension;
            }
            return name;
        }
    }

    /**
     * RFC 2047 words in a file name (« =?UTF-8?Q?Dossier_compl=C3=A9t.pdf?= »), which many clients still write though
     * RFC 2231 is the standard: Jakarta Mail decodes them only when a JVM-wide system property says so.
     */
    private static String decoded(String filename) {
        if (!filename.contains("=?")) {
            return filename;
        }
        try {
            return MimeUtility.decodeText(filename);
        } catch (UnsupportedEncodingException e) {
            return filename;
        }
    }

    private interface Reader<T> {
        T read() throws MessagingException;
    }

    private static <T> T read(Reader<T> reader) {
        try {
            return reader.read();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static InternetAddress first(Reader<Address[]> reader) {
        var addresses = read(reader);
        if (addresses == null) {
            return null;
        }
        for (var address : addresses) {
            if (address instanceof InternetAddress internet) {
                return internet;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties properties() {
        var p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        return p;
    }
}
