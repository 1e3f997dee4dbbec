package fr.instruire.calls.facilisoins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;
import fr.instruire.system.PdfTable;
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

    // --- PDF: the platform's table document (system/PdfTable)

    private static final float[] WIDTHS = {250, 150, 130, 110, 120};

    static byte[] pdf(String title, String subtitle, List<Row> rows) {
        long total = rows.stream().mapToLong(Row::amount).sum();
        return PdfTable.document(title, subtitle, HEADER, WIDTHS, rows.stream()
                        .map(r -> List.of(r.raisonSociale(), r.categorie(), r.region(), r.publicAccueilli(), French.euros(r.amount())))
                        .toList(),
                "%d établissement%s retenu%s — total %s".formatted(rows.size(), rows.size() > 1 ? "s" : "",
                        rows.size() > 1 ? "s" : "", French.euros(total)));
    }

    private static String text(Object value, String otherwise) {
        return value == null || value.toString().isBlank() ? otherwise : value.toString().strip();
    }
}
