package fr.instruire.instruction;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.dhatim.fastexcel.Workbook;
import org.springframework.stereotype.Service;

import fr.instruire.call.CallDefinitions;
import fr.instruire.call.FactDefinition;
import fr.instruire.call.FactType;
import fr.instruire.campaign.Campaign;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.payment.PaymentLedger;
import fr.instruire.system.French;
import fr.instruire.system.PdfTable;

/**
 * A campaign's dossiers as a table for its staff: number, status in the call's words, organisation, contact, project,
 * submission date, score, grant, released and paid, then each fact of the call's dossier view in words (lists of
 * records as their count, derived facts computed as the page does). Per dossier: its facts and its funding.
 */
@Service
class DossierExports {

    private final Dossiers dossiers;
    private final CallDefinitions calls;
    private final PaymentLedger ledger;
    private final CallFacts callFacts;

    DossierExports(Dossiers dossiers, CallDefinitions calls, PaymentLedger ledger, CallFacts callFacts) {
        this.callFacts = callFacts;
        this.dossiers = dossiers;
        this.calls = calls;
        this.ledger = ledger;
    }

    /** The header and the rows, in words. */
    List<List<String>> table(Campaign campaign) {
        var call = calls.of(campaign.callId());
        List<FactDefinition> columns = call.view(call.dossierView());
        var format = new PageFormat(campaign.timeZone(), call);
        var table = new ArrayList<List<String>>();
        var header = new ArrayList<>(List.of("Numéro", "Statut", "Organisme", "Projet", "Déposé le", "Score",
                "Subvention (€)", "Libéré (€)", "Payé (€)"));
        columns.forEach(f -> header.add(f.label()));
        table.add(header);
        for (var d : dossiers.list(campaign.key(), null, null, false)) {
            var funding = ledger.of(d.number());
            var row = new ArrayList<String>(List.of(d.number(), call.statusLabel(d.status()), nullToEmpty(d.organisationName()),
                    nullToEmpty(d.projectTitle()), format.dateTime(d.submittedAt()),
                    d.score() == null ? "" : d.maxScore() == null ? String.valueOf(d.score()) : d.score() + "/" + d.maxScore(),
                    d.grantAmount() == null ? "" : String.valueOf(d.grantAmount()),
                    funding.map(f -> String.valueOf(f.released())).orElse(""),
                    funding.map(f -> String.valueOf(f.paid())).orElse("")));
            // the stored facts with the call's derived ones (a count of ESMS…), as the page shows them
            Map<String, Object> own = callFacts.of(call, d.number());
            for (var f : columns) {
                var value = own.get(f.key());
                row.add(f.type() == FactType.RECORDS ? String.valueOf(value instanceof java.util.Collection<?> list ? list.size() : 0)
                        : value == null ? "" : f.words(value));
            }
            table.add(row);
        }
        return table;
    }

    /** RFC 4180, UTF-8 with a byte-order mark (spreadsheets then read the accents), « ; » as French spreadsheets expect. */
    void csv(Campaign campaign, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (var printer = CSVFormat.RFC4180.builder().setDelimiter(';').get().print(writer)) {
            for (var row : table(campaign)) {
                printer.printRecord(row);
            }
        }
    }

    /** One sheet named after the campaign, its header in bold; the amounts are numbers (they sum), the rest text. */
    void xlsx(Campaign campaign, OutputStream out) throws IOException {
        var table = table(campaign);
        var workbook = new Workbook(out, "Instruire", "1.0");
        var sheet = workbook.newWorksheet(sheetName(campaign.key()));
        for (int r = 0; r < table.size(); r++) {
            var row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
                var value = row.get(c);
                if (r > 0 && c >= 6 && c <= 8 && !value.isEmpty()) {
                    sheet.value(r, c, Long.parseLong(value));
                } else {
                    sheet.value(r, c, value);
                }
            }
        }
        for (int c = 0; c < table.get(0).size(); c++) {
            sheet.style(0, c).bold().set();
        }
        workbook.finish();
    }

    /**
     * The committee's ranked list: the campaign's instructed dossiers, best score first, each with its computed
     * funding, and their total against the campaign's envelope — the agenda the committee sits on, as a PDF.
     */
    void committeePdf(Campaign campaign, OutputStream out) throws IOException {
        var ranked = dossiers.list(campaign.key(), fr.instruire.dossier.DossierStatus.INSTRUCTED, null, true);
        var rows = new ArrayList<List<String>>();
        long total = 0;
        for (int i = 0; i < ranked.size(); i++) {
            var d = ranked.get(i);
            total += d.grantAmount() == null ? 0 : d.grantAmount();
            rows.add(List.of(String.valueOf(i + 1), d.number(), nullToEmpty(d.organisationName()), nullToEmpty(d.projectTitle()),
                    d.score() == null ? "—" : d.maxScore() == null ? String.valueOf(d.score()) : d.score() + "/" + d.maxScore(),
                    d.grantAmount() == null ? "—" : French.euros(d.grantAmount())));
        }
        var format = new PageFormat(campaign.timeZone(), calls.of(campaign.callId()));
        out.write(PdfTable.document("Liste des dossiers instruits, par score — " + campaign.title(),
                "Établie le " + format.dateTime(fr.instruire.system.Clock.now()) + " pour le comité de sélection",
                List.of("Rang", "Dossier", "Organisme", "Projet", "Score", "Financement calculé"),
                new float[] {40, 100, 180, 250, 60, 130}, rows,
                "%d dossier%s instruit%s — total %s pour une enveloppe de %s".formatted(ranked.size(),
                        ranked.size() > 1 ? "s" : "", ranked.size() > 1 ? "s" : "", French.euros(total),
                        French.euros(campaign.budgetEnvelope()))));
    }

    private static String sheetName(String key) {
        var name = key.replaceAll("[\\\\/?*\\[\\]:]", "-");
        return name.length() > 31 ? name.substring(0, 31) : name;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
