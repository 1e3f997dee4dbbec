package fr.instruire.system;

import java.nio.charset.StandardCharsets;

/** The Content-Disposition of a download: always an attachment, its name as RFC 6266 / 5987 write it. */
public final class Attachments {

    private Attachments() {
    }

    public static String contentDisposition(String filename) {
        return "attachment; filename*=UTF-8''" + rfc5987(filename);
    }

    /** RFC 5987 value: UTF-8, every byte outside attr-char percent-encoded. */
    public static String rfc5987(String filename) {
        var encoded = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
