package fr.instruire.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The document types a dossier accepts, recognised by their content (magic bytes), not by what the client
 * declares: PDF, PNG, JPEG, and office documents (OpenDocument, Office Open XML), which are ZIP files told apart
 * by their extension.
 */
final class DocumentTypes {

    static final String ACCEPTED = "PDF, PNG, JPEG, ODT, ODS, DOCX, XLSX";

    private static final Map<String, String> ZIP_BASED = Map.of(
            "odt", "application/vnd.oasis.opendocument.text",
            "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private DocumentTypes() {
    }

    static Optional<String> detect(byte[] content, String filename) {
        if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("application/pdf");
        }
        if (startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return Optional.of("image/png");
        }
        if (startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(content, new byte[] {'P', 'K', 3, 4}) && filename != null) {
            var dot = filename.lastIndexOf('.');
            var extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
            return Optional.ofNullable(ZIP_BASED.get(extension));
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }
}
