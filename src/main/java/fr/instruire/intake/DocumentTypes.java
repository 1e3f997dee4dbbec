package fr.instruire.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The document types a dossier accepts, recognised by their content (magic bytes), not by what the client
 * declares: PDF, PNG, JPEG, office documents (OpenDocument, Office Open XML), which are ZIP files told apart by
 * their extension, and the legacy Word and Excel files candidates still send by mail (.doc, .xls: OLE2 compound
 * files, told apart the same way). Public for the mail intake, which keeps an attachment as a document only when
 * it is of one of these types.
 */
public final class DocumentTypes {

    public static final String ACCEPTED = "PDF, PNG, JPEG, ODT, ODS, DOCX, XLSX, DOC, XLS";

    private static final Map<String, String> ZIP_BASED = Map.of(
            "odt", "application/vnd.oasis.opendocument.text",
            "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final Map<String, String> OLE2_BASED = Map.of(
            "doc", "application/msword",
            "xls", "application/vnd.ms-excel");

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private DocumentTypes() {
    }

    /** The document's media type, when it is of an accepted type; empty otherwise. */
    public static Optional<String> detect(byte[] content, String filename) {
        if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("application/pdf");
        }
        if (startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return Optional.of("image/png");
        }
        if (startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(content, new byte[] {'P', 'K', 3, 4})) {
            return Optional.ofNullable(ZIP_BASED.get(extension(filename)));
        }
        if (startsWith(content, OLE2)) {
            return Optional.ofNullable(OLE2_BASED.get(extension(filename)));
        }
        return Optional.empty();
    }

    private static String extension(String filename) {
        var dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }
}
