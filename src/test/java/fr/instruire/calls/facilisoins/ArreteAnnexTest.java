package fr.instruire.calls.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import fr.instruire.campaign.CampaignDocuments;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;

/** The arrêté and its annex, as the ministries publish them: names with their accents, one file each, replaced on a retry. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:arrete;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=target/arrete-outbox",
})
@ActiveProfiles("test")
class ArreteAnnexTest {

    static final String CAMPAIGN = "facilisoins-2022";

    @Autowired Arrete arrete;
    @Autowired ArreteAnnex annex;
    @Autowired CampaignDocuments documents;
    @Autowired CtisOpinions ctis;
    @Autowired SelectionAgenda selection;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void campaign() {
        jdbc.sql("DELETE FROM campaign_document").update();
        jdbc.sql("DELETE FROM campaign_record").update();
        if (jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_key = ?").param(CAMPAIGN).query(Integer.class).single() == 0) {
            var t = Instant.parse("2021-12-15T00:00:00Z").atOffset(ZoneOffset.UTC);
            jdbc.sql("""
                    INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                        submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                        reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email, created_at)
                    VALUES (?, 'facilisoins', 'Expérimentation Facilisoins', 'Île-de-France', 'Europe/Paris', ?, ?, ?, ?, 1500000,
                        'FACI', 'equipe-nationale-art51', 'ctis', 'P15D', 'P21D', 'dgcs-secr-sd5@social.gouv.fr', ?)""")
                    .params(CAMPAIGN, t, t.plusMonths(2), t.plusMonths(3), t.plusMonths(4), t).update();
        }
    }

    String dossier(String raisonSociale, String categorie, String region, String publicAccueilli, long grant, String status) {
        var number = dossiers.nextNumber("FACI", 2022);
        var at = Instant.parse("2022-02-01T10:00:00Z");
        dossiers.insert(new Dossier(number, CAMPAIGN, DossierStatus.SUBMITTED, raisonSociale, null, "Contact",
                "contact@example.org", "Facilisoins", null, null, null,
                at, at), "hash");
        facts.setAll(number, Map.of("raisonSociale", raisonSociale, "categorieEsms", categorie, "region", region,
                "publicAccueilli", publicAccueilli));
        dossiers.recordInstruction(number, 40, grant);
        dossiers.updateStatus(number, status);
        return number;
    }

    @Test
    void theAnnexListsTheSelectedEstablishmentsInPdfAndCsvAndARetryReplacesThem() throws Exception {
        var first = dossier("Maison d'accueil spécialisée « Les Écureuils »", "MAS", "Île-de-France", "ADULTES", 50_000, DossierStatus.SELECTED);
        dossier("IME Sainte-Thérèse; Côte", "IME", "Bretagne", "ENFANTS", 42_500, DossierStatus.SELECTED);
        dossier("Foyer non retenu", "FAM", "Corse", "ADULTES", 30_000, DossierStatus.NOT_SELECTED);

        arrete.record(CAMPAIGN, "2022-04-15", "NOR SSAS2211111A", "dgcs.agent");
        var produced = annex.produce(CAMPAIGN);
        var again = annex.produce(CAMPAIGN);

        assertThat(again).isEqualTo(produced);
        assertThat(documents.of(CAMPAIGN)).extracting(CampaignDocuments.CampaignDocument::kind)
                .containsExactly("ARRETE_ANNEX_PDF", "ARRETE_ANNEX_CSV");
        var csv = new String(documents.content(produced.csvId()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFFRaison sociale;Catégorie d'ESMS;Région;Public accueilli;Crédits d'amorçage et d'ingénierie (€)\r\n"
                + "\"IME Sainte-Thérèse; Côte\";IME;Bretagne;Enfants;42500\r\n"
                + "Maison d'accueil spécialisée « Les Écureuils »;MAS;Île-de-France;Adultes;50000\r\n");
        try (var pdf = Loader.loadPDF(documents.content(produced.pdfId()).orElseThrow())) {
            var text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Annexe à l'arrêté NOR SSAS2211111A du 15 avril 2022",
                    "Maison d'accueil spécialisée « Les Écureuils »", "Île-de-France", "Enfants", "Catégorie d'ESMS",
                    "2 établissements retenus")
                    .doesNotContain("Foyer non retenu");
        }
        assertThat(dossiers.history(first)).anySatisfy(e -> assertThat(e.detail())
                .isEqualTo("Arrêté des ministres NOR SSAS2211111A du 15 avril 2022 : projet retenu"));
    }

    @Test
    void anArreteNeedsItsReferenceAndTheAnnexItsArrete() {
        assertThatThrownBy(() -> arrete.record(CAMPAIGN, "2022-04-15", " ", "dgcs.agent"))
                .hasMessageContaining("référence de l'arrêté");
        assertThatThrownBy(() -> annex.produce(CAMPAIGN)).hasMessageContaining("aucun arrêté");
    }

    @Test
    void theNationalTeamProposesEveryInstructedDossierOnceBeforeTheCtis() {
        var listed = List.of("FACI-2022-0001", "FACI-2022-0002");
        assertThat(CtisOpinions.checkProposal(List.of(new CtisOpinions.Row("FACI-2022-0001", "", "", null, null),
                new CtisOpinions.Row("FACI-2022-0001", "RETENU", "", null, null),
                new CtisOpinions.Row("FACI-2022-0099", "RETENU", "", null, null)), listed))
                .containsExactly("dossier FACI-2022-0001 : proposition manquante (retenu ou non retenu)",
                        "deux lignes pour le dossier FACI-2022-0001",
                        "le dossier « FACI-2022-0099 » n'est pas à la sélection de cette campagne",
                        "proposition manquante pour le dossier FACI-2022-0002");
        assertThat(CtisOpinions.checkProposal(List.of(new CtisOpinions.Row("FACI-2022-0001", "RETENU", "", null, null),
                new CtisOpinions.Row("FACI-2022-0002", "NON_RETENU", "Au-delà des places", null, null)), listed)).isEmpty();
    }

    @Test
    void theCtisGivesAnOpinionOnEveryInstructedDossierAndTheDecisionsFollow() {
        var listed = List.of("FACI-2022-0001", "FACI-2022-0002");
        assertThat(CtisOpinions.check(List.of(new CtisOpinions.Row("FACI-2022-0001", "RETENU", "", "DEFAVORABLE", " "),
                new CtisOpinions.Row("FACI-2022-0099", "RETENU", "", "FAVORABLE", null)), listed))
                .containsExactly("dossier FACI-2022-0001 : motiver l'avis défavorable",
                        "le dossier « FACI-2022-0099 » n'est pas à la sélection de cette campagne",
                        "avis manquant pour le dossier FACI-2022-0002");
        var rows = List.of(new CtisOpinions.Row("FACI-2022-0001", "RETENU", "", "FAVORABLE", null),
                new CtisOpinions.Row("FACI-2022-0002", "RETENU", "", "DEFAVORABLE", "Partenariats à consolider"),
                new CtisOpinions.Row("FACI-2022-0003", "NON_RETENU", "Au-delà des places", "FAVORABLE", ""),
                new CtisOpinions.Row("FACI-2022-0004", "NON_RETENU", "", "FAVORABLE", ""));
        assertThat(CtisOpinions.check(rows.subList(0, 2), listed)).isEmpty();
        assertThat(CtisOpinions.decisions(rows)).extracting(d -> d.get("decision") + " " + d.get("reason")).containsExactly(
                "RETENU ", "NON_RETENU Partenariats à consolider", "NON_RETENU Au-delà des places",
                "NON_RETENU " + CtisOpinions.DEFAULT_REASON);
    }

    @Test
    void theSelectionAgendaCountsAgainstThePlacesAndBalancesRegionsAndPublics() {
        jdbc.sql("UPDATE dossier SET status = 'NOT_SELECTED' WHERE campaign_key = ?").param(CAMPAIGN).update();
        dossier("A", "MAS", "Bretagne", "ADULTES", 50_000, DossierStatus.INSTRUCTED);
        dossier("B", "IME", "Bretagne", "ENFANTS", 50_000, DossierStatus.INSTRUCTED);
        dossier("C", "IME", "Corse", "ENFANTS", 50_000, DossierStatus.INSTRUCTED);

        var lines = selection.lines(CAMPAIGN, 2);

        assertThat(lines).extracting(SelectionAgenda.Line::proposed).containsExactly(true, true, false);
        assertThat(lines).extracting(SelectionAgenda.Line::grantAmount).containsOnly(fr.instruire.system.French.euros(50_000));
        assertThat(SelectionAgenda.balance(lines)).extracting(r -> r.get("region") + " " + r.get("instructed") + " "
                + r.get("enfants") + "/" + r.get("adultes"))
                .containsExactly("Bretagne 2 1/1", "Corse 1 1/0", "Total 3 2/1");
        assertThat(SelectionAgenda.proposal(lines)).extracting(r -> r.get("proposal")).containsExactly("RETENU", "RETENU", "NON_RETENU");
        assertThat(SelectionAgenda.places(null)).isEqualTo(30);
    }
}
