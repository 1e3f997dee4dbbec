package fr.instruire.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A table as a PDF document (Apache PDFBox): A4 landscape, Helvetica (Standard 14, WinAnsi: é è à ç ô « » € are
 * covered), a title, a subtitle, a header repeated on each page, wrapped cells, a closing line. What an arrêté's annex
 * or a committee's ranked list is made of.
 */
public final class PdfTable {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 40;
    private static final float SIZE = 9;
    private static final float LEADING = 11.5f;

    private PdfTable() {
    }

    /** {@code widths}: each column's width in points (A4 landscape leaves about 760). */
    public static byte[] document(String title, String subtitle, List<String> header, float[] widths, List<List<String>> rows,
                                  String closing) {
        try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            var writer = new Writer(document, widths);
            writer.newPage();
            writer.line(BOLD, 13, title);
            writer.line(REGULAR, 11, subtitle);
            writer.y -= 8;
            writer.row(BOLD, header);
            for (var row : rows) {
                writer.row(REGULAR, row);
            }
            writer.y -= 6;
            writer.line(BOLD, SIZE, closing);
            writer.close();
            document.getDocumentInformation().setTitle(title);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Document PDF impossible à produire : " + title, e);
        }
    }

    /** Writes lines and table rows top-down, wrapping cells and starting a page (with the header) when full. */
    private static final class Writer {
        private final PDDocument document;
        private final float[] widths;
        private PDPageContentStream stream;
        private float y;
        private List<String> header;

        Writer(PDDocument document, float[] widths) {
            this.document = document;
            this.widths = widths;
        }

        void newPage() throws IOException {
            close();
            var page = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        void close() throws IOException {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            show(font, size, MARGIN, y - size, text);
            y -= size + 6;
        }

        void row(PDType1Font font, List<String> cells) throws IOException {
            var wrapped = new ArrayList<List<String>>();
            int height = 1;
            for (int i = 0; i < cells.size(); i++) {
                var lines = wrap(font, cells.get(i), widths[i] - 6);
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            float rowHeight = height * LEADING + 4;
            if (y - rowHeight < MARGIN) {
                newPage();
                if (header != null && font == REGULAR) {
                    row(BOLD, header);
                }
            }
            if (font == BOLD && header == null) {
                header = cells;
            }
            float x = MARGIN;
            for (int i = 0; i < wrapped.size(); i++) {
                for (int l = 0; l < wrapped.get(i).size(); l++) {
                    show(font, SIZE, x + 3, y - SIZE - l * LEADING, wrapped.get(i).get(l));
                }
                x += widths[i];
            }
            y -= rowHeight;
            stream.moveTo(MARGIN, y + 2);
            stream.lineTo(x, y + 2);
            stream.setLineWidth(0.3f);
            stream.stroke();
        }

        private void show(PDType1Font font, float size, float x, float atY, String text) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, atY);
            stream.showText(encodable(font, text));
            stream.endText();
        }
    }


    /** Words to lines that fit {@code width}; a word longer than a line is cut. */
    public static List<String> wrap(PDType1Font font, String text, float width) throws IOException {
        var lines = new ArrayList<String>();
        var current = new StringBuilder();
        for (var word : encodable(font, text).split(" ")) {
            var candidate = current.isEmpty() ? word : current + " " + word;
            if (width(font, candidate) <= width) {
                current = new StringBuilder(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
            }
            current = new StringBuilder(word);
            while (width(font, current.toString()) > width && current.length() > 1) {
                int cut = current.length() - 1;
                while (cut > 1 && width(font, current.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(current.substring(0, cut));
                current = new StringBuilder(current.substring(cut));
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private static float width(PDType1Font font, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * SIZE;
    }

    /** The text with what WinAnsi cannot write replaced (a narrow no-break space by a no-break space, else « ? »). */
    public static String encodable(PDType1Font font, String text) {
        var out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            var s = cp == 0x202F ? "\u00a0" : cp == '\t' || cp == '\n' || cp == '\r' ? " " : new String(Character.toChars(cp));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

}
