package fr.instruire.calls.facilisoins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;
import fr.instruire.campaign.CampaignDocuments;
import fr.instruire.campaign.Campaigns;

/**
 * The arrêté's annex, « liste des établissements retenus »: raison sociale, catégorie d'ESMS, région, public accueilli
 * and the crédits d'amorçage et d'ingénierie granted, for every SELECTED dossier (by region, then name). Made as a PDF
 * (the annex) and a CSV (UTF-8 with BOM, {@code ;}: what a French spreadsheet opens as is), the CSV being also the list
 * published on the ministry's and the Assurance Maladie's sites — it names establishments, no person. Both are kept
 * with the campaign; producing them again replaces them.
 */
@Service
class ArreteAnnex {

    static final String PDF_KIND = "ARRETE_ANNEX_PDF";
    static final String CSV_KIND = "ARRETE_ANNEX_CSV";
    static final List<String> HEADER = List.of("Raison sociale", "Catégorie d'ESMS", "Région", "Public accueilli",
            "Crédits d'amorçage et d'ingénierie (€)");

    private final CampaignDocuments documents;
    private final Campaigns campaigns;
    private final Dossiers dossiers;
    private final DossierFacts facts;

    ArreteAnnex(CampaignDocuments documents, Campaigns campaigns, Dossiers dossiers, DossierFacts facts) {
        this.documents = documents;
        this.campaigns = campaigns;
        this.dossiers = dossiers;
        this.facts = facts;
    }

    record Row(String raisonSociale, String categorie, String region, String publicAccueilli, long amount) {
    }

    record Produced(long pdfId, long csvId) {
    }

    List<Row> rows(String campaignKey) {
        var rows = new ArrayList<Row>();
        for (var d : dossiers.inCampaign(campaignKey, DossierStatus.SELECTED)) {
            var f = facts.of(d.number());
            if (d.grantAmount() == null) {
                throw new IllegalStateException("Dossier " + d.number() + " retenu sans montant accordé");
            }
            rows.add(new Row(text(f.get("raisonSociale"), d.organisationName()), text(f.get("categorieEsms"), ""),
                    text(f.get("region"), ""), f.get("publicAccueilli") == null ? ""
                            : SelectionAgenda.PUBLICS.getOrDefault(f.get("publicAccueilli").toString(), f.get("publicAccueilli").toString()),
                    d.grantAmount()));
        }
        rows.sort(Comparator.comparing(Row::region, French.COLLATOR).thenComparing(Row::raisonSociale, French.COLLATOR));
        return rows;
    }

    /** Produces both files from the arrêté recorded for the campaign; fails (incident) if none is. */
    @Transactional
    public Produced produce(String campaignKey) {
        var campaign = campaigns.get(campaignKey);
        var arrete = documents.record(campaignKey, Arrete.KIND)
                .orElseThrow(() -> new IllegalStateException("Campagne " + campaignKey + " : aucun arrêté enregistré"));
        var rows = rows(campaignKey);
        var day = French.day(arrete.date().atStartOfDay(campaign.timeZone()).toInstant(), campaign.timeZone());
        var title = "Annexe à l'arrêté %s du %s".formatted(arrete.reference(), day);
        var base = "annexe-arrete-" + campaignKey;
        long pdf = documents.store(campaignKey, PDF_KIND, base + ".pdf", "application/pdf",
                pdf(title, "Liste des établissements retenus — " + campaign.title(), rows));
        long csv = documents.store(campaignKey, CSV_KIND, base + ".csv", "text/csv; charset=UTF-8", csv(rows));
        return new Produced(pdf, csv);
    }

    static byte[] csv(List<Row> rows) {
        var out = new StringBuilder("\uFEFF");
        out.append(String.join(";", HEADER.stream().map(ArreteAnnex::cell).toList())).append("\r\n");
        for (var r : rows) {
            out.append(String.join(";", List.of(cell(r.raisonSociale()), cell(r.categorie()), cell(r.region()),
                    cell(r.publicAccueilli()), String.valueOf(r.amount())))).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String value) {
        // a leading = + - @ would make a spreadsheet read a formula (CSV injection)
        var safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(";") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    // --- PDF: A4 landscape, Helvetica (Standard 14, WinAnsi: é è à ç ô « » € are covered)

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 40;
    private static final float[] WIDTHS = {250, 150, 130, 110, 120};
    private static final float SIZE = 9;
    private static final float LEADING = 11.5f;

    static byte[] pdf(String title, String subtitle, List<Row> rows) {
        try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            var writer = new PdfWriter(document);
            writer.newPage();
            writer.line(BOLD, 13, title);
            writer.line(REGULAR, 11, subtitle);
            writer.y -= 8;
            writer.row(BOLD, HEADER);
            for (var r : rows) {
                writer.row(REGULAR, List.of(r.raisonSociale(), r.categorie(), r.region(), r.publicAccueilli(),
                        French.euros(r.amount())));
            }
            long total = rows.stream().mapToLong(Row::amount).sum();
            writer.y -= 6;
            writer.line(BOLD, SIZE, "%d établissement%s retenu%s — total %s".formatted(rows.size(),
                    rows.size() > 1 ? "s" : "", rows.size() > 1 ? "s" : "", French.euros(total)));
            writer.close();
            document.getDocumentInformation().setTitle(title);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Annexe PDF impossible à produire", e);
        }
    }

    /** Writes lines and table rows top-down, wrapping cells and starting a page (with the header) when full. */
    private static final class PdfWriter {
        private final PDDocument document;
        private PDPageContentStream stream;
        private float y;
        private List<String> header;

        PdfWriter(PDDocument document) {
            this.document = document;
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
                var lines = wrap(font, cells.get(i), WIDTHS[i] - 6);
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
                x += WIDTHS[i];
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
    static List<String> wrap(PDType1Font font, String text, float width) throws IOException {
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
    static String encodable(PDType1Font font, String text) {
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

    private static String text(Object value, String otherwise) {
        return value == null || value.toString().isBlank() ? otherwise : value.toString().strip();
    }
}
