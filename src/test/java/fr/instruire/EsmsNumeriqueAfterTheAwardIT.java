package fr.instruire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Mails;

/**
 * An ESMS numérique project from its convention to its last euro, on the whole application (embedded PostgreSQL,
 * GreenMail, HTTP): « 40% au démarrage du projet, à la signature de la convention (…) ; 40% à la fin du paramétrage
 * (…) ; 20% à la fin du déploiement (…) dès la vérification des critères d'utilisation ». The beneficiary declares its
 * milestones and monthly usage through the API with its dossier's token; the ARS reviewer releases each tranche on its
 * evidence and the ARS finance team records its payment — each as themselves on Camunda's REST API.
 */
@ApplicationIT
// metrics are exported as in production (Spring Boot's tests turn the Prometheus registry off otherwise)
@AutoConfigureObservability
class EsmsNumeriqueAfterTheAwardIT {

    static final String CAMPAIGN = "esms-numerique-it-versements";
    static final String REVIEWER = "instructeur.versements";
    static final String FINANCE = "finance.versements";
    /** In both teams: may release or pay a tranche, never both. */
    static final String BOTH = "polyvalent.versements";
    static final String COMMITTEE = "comite.versements";
    static final String APPLICANT = "direction@les-alizes.example";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "afteraward");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void openCampaignAndAccounts() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = api().post("/api/campaigns", EsmsNumeriqueJourneyIT.campaign(CAMPAIGN, today.minusDays(10).toString(),
                        today.plusDays(10).toString(), today.minusDays(1).toString(), today.plusDays(40).toString())
                        .replace("instructeurs-guadeloupe", "instructeurs-versements").replace("comite-guadeloupe", "comite-versements"),
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        user(REVIEWER, "instructeurs-versements");
        // the call's default finance team (calls/esms-numerique.yaml, campaignDefaults.financeGroup)
        user(FINANCE, "esms-numerique-finance");
        user(BOTH, "instructeurs-versements", "esms-numerique-finance");
        user(COMMITTEE, "comite-versements");
    }

    @Test
    void aProjectIsPaidOnItsMilestonesAndItsUsageThenClosed() throws Exception {
        var submitted = api().post("/api/campaigns/" + CAMPAIGN + "/applications",
                EsmsNumeriqueJourneyIT.application(APPLICANT, 10), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var number = json.readTree(submitted.body()).get("dossierNumber").asText();
        var token = "Bearer " + json.readTree(submitted.body()).get("accessToken").asText();
        awardAndSignTheConvention(number);

        // 40 % at the signature: the reviewer names the evidence, finance pays
        var release = awaitTask(REVIEWER, number, "Activity_LibererTranche");
        // the form has one field: the tranche and its amount are the server's
        var forged = complete(REVIEWER, release, Map.of("trancheEvidence", typed("Convention signée", "String"),
                "trancheAmount", typed(250_000, "Long")));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(ledger(number, "signature-Guadeloupe")).isEqualTo("DUE");
        assertThat(complete(REVIEWER, release, Map.of("trancheEvidence", typed("Convention signée le 2 juin", "String")))
                .statusCode()).isEqualTo(204);
        assertThat(ledger(number, "signature-Guadeloupe")).isEqualTo("RELEASED");
        pay(number, "Mandat 2026-0412");
        var paid = Mails.await(APPLICANT, number + ".versement-tranche.1");
        assertThat(paid.getSubject()).contains("40 % au démarrage du projet");
        assertThat(paid.getContent().toString()).contains("100\u00a0000\u00a0€", "Mandat 2026-0412",
                "il reste 150\u00a0000\u00a0€");

        // the plan of usage: the three critères métier and two chosen socle criteria, with their targets
        var badPlan = api().put("/api/dossiers/" + number + "/usage/plan",
                "{\"chosen\": [\"mssMessages\"], \"targets\": {\"activeRecords\": 80}}", token);
        assertThat(badPlan.statusCode()).isEqualTo(400);
        assertThat(badPlan.body()).contains("2 indicateurs différents à choisir", "cible positive obligatoire");
        var plan = api().put("/api/dossiers/" + number + "/usage/plan", """
                {"chosen": ["mssMessages", "dmpDocuments"],
                 "targets": {"activeRecords": 80, "personalisedProjects": 50, "recordsWithEvent": 60,
                             "mssMessages": 300, "dmpDocuments": 150}}""", token);
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(api().put("/api/dossiers/" + number + "/usage/plan", "{}", Api.basic(REVIEWER, REVIEWER)).statusCode())
                .as("only the beneficiary declares its plan").isEqualTo(403);

        // 40 % at the end of the parametrisation, on its invoice
        var filing = api().post("/api/dossiers/" + number + "/filings/fin-parametrage",
                "{\"parametrisationInvoice\": \"FAC-2026-118\", \"parametrisationEndedOn\": \"" + LocalDate.now() + "\"}", token);
        assertThat(filing.statusCode()).as(filing.body()).isEqualTo(200);
        release = awaitTask(REVIEWER, number, "Activity_LibererTranche");
        assertThat(complete(REVIEWER, release, Map.of("trancheEvidence", typed("Facture FAC-2026-118", "String"))).statusCode())
                .isEqualTo(204);
        pay(number, "Mandat 2026-0533");
        Mails.await(APPLICANT, number + ".versement-tranche.2");

        // three months of usage; a month sent again replaces it
        var now = YearMonth.now(ZoneId.of("America/Guadeloupe"));
        for (int back = 2; back >= 0; back--) {
            var month = now.minusMonths(back);
            var report = api().put("/api/dossiers/" + number + "/usage/reports/" + month, """
                    {"values": {"activeRecords": {"numerator": 40, "denominator": 50},
                                "personalisedProjects": {"numerator": 20, "denominator": 40},
                                "recordsWithEvent": {"numerator": 15, "denominator": 50},
                                "mssMessages": {"numerator": 100}, "dmpDocuments": {"numerator": %d}}}"""
                    .formatted(back == 0 ? 999 : 10), token);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        }
        var monthReport = """
                {"values": {"activeRecords": {"numerator": 40, "denominator": 50},
                            "personalisedProjects": {"numerator": 20, "denominator": 40},
                            "recordsWithEvent": {"numerator": 15, "denominator": 50},
                            "mssMessages": {"numerator": 100}, "dmpDocuments": {"numerator": 10}}}""";
        var corrected = api().put("/api/dossiers/" + number + "/usage/reports/" + now, monthReport, token);
        assertThat(corrected.statusCode()).isEqualTo(200);
        var inconsistent = api().put("/api/dossiers/" + number + "/usage/reports/" + now.plusMonths(1), """
                {"values": {"activeRecords": {"numerator": 60, "denominator": 50}}}""", token);
        assertThat(inconsistent.statusCode()).isEqualTo(400);
        assertThat(inconsistent.body()).contains("mois à venir", "ne peut dépasser le dénominateur", "valeur obligatoire");
        var usage = json.readTree(corrected.body()).get("plan");
        assertThat(ratios(usage)).containsExactly("1.0000", "1.0000", "0.5000", "1.0000", "0.2000");

        // the end of the deployment: the reviewer checks the criteria, waives the DMP for a major difficulty
        filing = api().post("/api/dossiers/" + number + "/filings/fin-deploiement",
                "{\"deploymentInvoice\": \"FAC-2026-342\", \"deploymentEndedOn\": \"" + LocalDate.now() + "\"}", token);
        assertThat(filing.statusCode()).as(filing.body()).isEqualTo(200);
        var check = awaitTask(REVIEWER, number, "Activity_VerifierCriteresUtilisation");
        var unexplained = complete(REVIEWER, check, Map.of("usageWaived4", typed(false, "Boolean"),
                "usageWaived5", typed(true, "Boolean")));
        assertThat(unexplained.statusCode()).isEqualTo(400);
        assertThat(unexplained.body()).contains("Motivez votre choix");
        assertThat(complete(REVIEWER, check, Map.of("usageWaived4", typed(false, "Boolean"),
                "usageWaived5", typed(true, "Boolean"),
                "usageWaiverReason", typed("Le DMP n'est pas ouvert aux ESMS de la région cette année.", "String")))
                .statusCode()).isEqualTo(204);

        // 20 % = 50 000 €, shared by the four criteria left: 12 500 € × (1 + 1 + 0,5 + 1)
        release = awaitTask(REVIEWER, number, "Activity_LibererTranche");
        assertThat(jdbc.sql("SELECT amount FROM payment_tranche WHERE dossier_number = ? AND tranche_key = 'usage-Guadeloupe'")
                .param(number).query(Long.class).single()).isEqualTo(43_750L);
        var late = api().put("/api/dossiers/" + number + "/usage/reports/" + now, monthReport, token);
        assertThat(late.statusCode()).as("the results are taken: reports are closed").isEqualTo(409);
        assertThat(complete(BOTH, release, Map.of("trancheEvidence", typed("Facture FAC-2026-342", "String"))).statusCode())
                .isEqualTo(204);
        // who released it cannot pay it
        var payment = awaitTask(FINANCE, number, "Activity_MettreEnPaiement");
        var self = complete(BOTH, payment, Map.of("paymentReference", typed("Mandat 2026-0999", "String")));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("doit être enregistré par une autre personne");
        // still claimed by them: the finance officer who completes it is the one recorded
        pay(number, "Mandat 2026-0777");
        Mails.await(APPLICANT, number + ".versement-tranche.3");

        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(statusOf(number)));
        var funding = jdbc.sql("SELECT grant_amount, released_amount, paid_amount FROM dossier_funding WHERE dossier_number = ?")
                .param(number).query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        assertThat(funding).containsExactly(250_000L, 243_750L, 243_750L);
        assertThat(api().put("/api/dossiers/" + number + "/usage/plan", "{}", token).statusCode()).isEqualTo(409);

        // the dossier page shows the money and the usage, and the waiver's reason
        var page = api().get("/dossiers/" + number, Api.basic(REVIEWER, REVIEWER));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Versements", "Reste à payer", "6 250 €", "243 750 €",
                "Mandat 2026-0777", "Facture FAC-2026-342", "par polyvalent.versements",
                "Critères d'utilisation", "Taux de dossiers actifs", "Documents déposés dans le DMP",
                "Le DMP n&#39;est pas ouvert aux ESMS de la région cette année.", "Projet soldé");
    }

    /** The operators' view: health (the mail server as information) and the figures Prometheus scrapes, not for everyone. */
    @Test
    void operatorsReadTheHealthAndTheFiguresOfTheDossiersAndTheMoney() throws Exception {
        var submitted = api().post("/api/campaigns/" + CAMPAIGN + "/applications",
                EsmsNumeriqueJourneyIT.application("metriques@les-alizes.example", 8), null);
        assertThat(submitted.statusCode()).isEqualTo(201);

        var health = json.readTree(api().get("/actuator/health", null).body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mailServer/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mailServer/details/joignable").asBoolean()).isTrue();

        assertThat(api().get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/actuator/prometheus", Api.basic(REVIEWER, REVIEWER)).statusCode()).isEqualTo(403);
        var line = "instruire_dossiers{call=\"esms-numerique\",campaign=\"" + CAMPAIGN + "\",status=";
        var scraped = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().get("/actuator/prometheus", Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD)),
                r -> r.statusCode() == 200 && r.body().contains(line));
        assertThat(scraped.body()).contains("instruire_engine{measure=\"tasks\",state=\"open\"}",
                "instruire_engine{measure=\"incidents\",state=\"open\"}", "jvm_memory_used_bytes");
        // the dossiers counted by status add up to the campaign's, from the database
        long counted = scraped.body().lines().filter(l -> l.startsWith(line))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        long stored = jdbc.sql("SELECT COUNT(*) FROM dossier WHERE campaign_key = ?").param(CAMPAIGN).query(Long.class).single();
        assertThat(counted).isBetween(1L, stored);
    }

    /**
     * Before deploying a changed table, a process owner sees the dossiers whose outcome it would change: « dans la
     * limite de 30 ESMS » brought down to 10 changes the grant of a 12-ESMS project, not of an 8-ESMS one.
     */
    @Test
    void whatIfListsExactlyTheDossiersWhoseOutcomeAChangedTableWouldChange() throws Exception {
        var twelve = json.readTree(api().post("/api/campaigns/" + CAMPAIGN + "/applications",
                EsmsNumeriqueJourneyIT.application("douze@les-alizes.example", 12), null).body()).get("dossierNumber").asText();
        var eight = json.readTree(api().post("/api/campaigns/" + CAMPAIGN + "/applications",
                EsmsNumeriqueJourneyIT.application("huit@les-alizes.example", 8), null).body()).get("dossierNumber").asText();
        var table = Files.readString(Path.of("dmn/esms-numerique/esms-numerique-funding.dmn"));
        var changed = table.replace("25000 * min(esmsCount, 30)", "25000 * min(esmsCount, 10)");
        assertThat(changed).isNotEqualTo(table);

        var refused = api().post("/api/campaigns/" + CAMPAIGN + "/what-if", changed, Api.basic(REVIEWER, REVIEWER),
                "Content-Type", "application/xml");
        assertThat(refused.statusCode()).isEqualTo(403);
        // their rules have run (the review waits): from now on only the what-if could add decision history
        awaitTask(REVIEWER, twelve, "Activity_VerifierRecevabilite");
        awaitTask(REVIEWER, eight, "Activity_VerifierRecevabilite");
        long history = jdbc.sql("SELECT COUNT(*) FROM act_hi_decinst").query(Long.class).single();
        var answer = api().post("/api/campaigns/" + CAMPAIGN + "/what-if", changed,
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD), "Content-Type", "application/xml");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var report = json.readTree(answer.body());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_decinst").query(Long.class).single())
                .as("a what-if decides nothing: no decision history").isEqualTo(history);
        assertThat(report.get("decision").asText()).isEqualTo("esms-numerique-funding");
        long inCampaign = jdbc.sql("SELECT COUNT(*) FROM dossier WHERE campaign_key = ?").param(CAMPAIGN).query(Long.class).single();
        assertThat(report.get("evaluated").asLong()).isEqualTo(inCampaign);
        var numbers = new java.util.ArrayList<String>();
        report.get("changes").forEach(c -> {
            numbers.add(c.get("dossierNumber").asText());
            assertThat(c.get("deployed")).isNotEqualTo(c.get("changed"));
        });
        // this campaign's other projects have 8 to 10 ESMS: the 12-ESMS one alone changes
        assertThat(numbers).containsExactly(twelve).doesNotContain(eight);
        report.get("changes").forEach(c -> {
            if (c.get("dossierNumber").asText().equals(twelve)) {
                assertThat(c.at("/deployed/0/grantAmount").asLong()).isEqualTo(300_000L);
                assertThat(c.at("/changed/0/grantAmount").asLong()).isEqualTo(250_000L);
            }
        });
    }

    /** The committee's agenda as a PDF: the instructed dossiers, best score first, against the envelope. */
    @Test
    void theCommitteesRankedListIsAPdfBestScoreFirst() throws Exception {
        var key = "esms-numerique-it-comite-pdf";
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = api().post("/api/campaigns", EsmsNumeriqueJourneyIT.campaign(key, today.minusDays(10).toString(),
                        today.plusDays(10).toString(), today.minusDays(1).toString(), today.plusDays(40).toString())
                        .replace("instructeurs-guadeloupe", "instructeurs-versements").replace("comite-guadeloupe", "comite-versements"),
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var lower = instructed(key, "moins@les-alizes.example", 2);
        var higher = instructed(key, "mieux@les-alizes.example", 5);

        var pdf = new Api(port).bytes("/dossiers/committee.pdf?campaign=" + key, Api.basic(REVIEWER, REVIEWER));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            var text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replace('\u00a0', ' ');
            assertThat(text).contains("Liste des dossiers instruits, par score", "Rang", "25/25", "10/25",
                    "2 dossiers instruits — total 400 000 € pour une enveloppe de 2 000 000 €");
            assertThat(text.indexOf(higher)).as("best score first").isLessThan(text.indexOf(lower));
        }
        user("instructeur.autre", "instructeurs-autre-region");
        assertThat(new Api(port).bytes("/dossiers/committee.pdf?campaign=" + key, Api.basic("instructeur.autre", "instructeur.autre"))
                .statusCode()).isEqualTo(403);
    }

    /** A dossier of the campaign taken through recevabilité and instruction, every mark {@code mark}. */
    private String instructed(String campaign, String email, int mark) throws Exception {
        var number = json.readTree(api().post("/api/campaigns/" + campaign + "/applications",
                EsmsNumeriqueJourneyIT.application(email, 8), null).body()).get("dossierNumber").asText();
        assertThat(complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite"),
                Map.of("recevabiliteDecision", typed("RECEVABLE", "String"))).statusCode()).isEqualTo(204);
        assertThat(complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_InstruireDossier"), Map.of(
                "scoreMotivation", typed(mark, "Integer"), "scorePerimetreFonctionnel", typed(mark, "Integer"),
                "scoreMutualisation", typed(mark, "Integer"), "scoreInteroperabilite", typed(mark, "Integer"),
                "scorePlateformeRegionale", typed(mark, "Integer"),
                "instructionComment", typed("Avis de l'instructeur.", "String"))).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
        return number;
    }

    /** A campaign's dossiers as CSV and XLSX, one row per dossier, for its staff only. */
    @Test
    void theStaffExportTheCampaignsDossiersAsCsvAndXlsx() throws Exception {
        var submitted = api().post("/api/campaigns/" + CAMPAIGN + "/applications",
                EsmsNumeriqueJourneyIT.application("export@les-alizes.example", 9), null);
        var number = json.readTree(submitted.body()).get("dossierNumber").asText();
        var stored = jdbc.sql("SELECT dossier_number, status FROM dossier WHERE campaign_key = ?").param(CAMPAIGN)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list();

        var csv = new Api(port).bytes("/dossiers/export.csv?campaign=" + CAMPAIGN, Api.basic(REVIEWER, REVIEWER));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        var text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFNuméro;Statut;Organisme;Projet;Déposé le;Score;Subvention (€);Libéré (€);Payé (€);");
        var lines = text.lines().toList();
        assertThat(lines).hasSize(stored.size() + 1);
        // the call's facts in words, derived ones included (the ESMS counted from the list)
        var header = java.util.Arrays.asList(lines.get(0).substring(1).split(";", -1));
        var row = java.util.Arrays.asList(lines.stream().filter(l -> l.startsWith(number + ";")).findFirst().orElseThrow().split(";", -1));
        assertThat(row.get(header.indexOf("Nombre de structures concernées : ESMS"))).isEqualTo("9");
        assertThat(row.get(header.indexOf("ESMS concernés"))).isEqualTo("9");
        assertThat(row.get(header.indexOf("Type de public"))).isEqualTo("Personnes âgées (PA)");

        var xlsx = new Api(port).bytes("/dossiers/export.xlsx?campaign=" + CAMPAIGN, Api.basic(REVIEWER, REVIEWER));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx.body()));
             var rows = workbook.getFirstSheet().openStream()) {
            var read = rows.toList();
            assertThat(read).hasSize(stored.size() + 1);
            assertThat(read.get(0).getCellText(0)).isEqualTo("Numéro");
            assertThat(read.stream().skip(1).map(r -> r.getCellText(0)).toList())
                    .containsExactlyInAnyOrderElementsOf(stored.stream().map(Map.Entry::getKey).toList());
        }
        // another team sees nothing of it
        if (identity.createGroupQuery().groupId("instructeurs-autre-region").count() == 0) {
            var g = identity.newGroup("instructeurs-autre-region");
            g.setName("Autre région");
            g.setType("WORKFLOW");
            identity.saveGroup(g);
        }
        user("instructeur.autre", "instructeurs-autre-region");
        assertThat(new Api(port).bytes("/dossiers/export.csv?campaign=" + CAMPAIGN, Api.basic("instructeur.autre", "instructeur.autre"))
                .statusCode()).isEqualTo(403);
        assertThat(new Api(port).bytes("/dossiers/export.xlsx?campaign=" + CAMPAIGN, null).statusCode()).isIn(302, 401);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void awardAndSignTheConvention(String number) throws Exception {
        assertThat(complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_VerifierRecevabilite"),
                Map.of("recevabiliteDecision", typed("RECEVABLE", "String"))).statusCode()).isEqualTo(204);
        assertThat(complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_InstruireDossier"), Map.of(
                "scoreMotivation", typed(4, "Integer"), "scorePerimetreFonctionnel", typed(4, "Integer"),
                "scoreMutualisation", typed(3, "Integer"), "scoreInteroperabilite", typed(5, "Integer"),
                "scorePlateformeRegionale", typed(2, "Integer"),
                "instructionComment", typed("Projet mûr.", "String"))).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(number)));
        assertThat(complete(COMMITTEE, awaitTask(COMMITTEE, CAMPAIGN, "Activity_TenirSeanceComite"), Map.of(
                "committeeDecisions", typed(json.writeValueAsString(List.of(Map.of(
                        "dossierNumber", number, "decision", "RETENU", "reason", "Projet prioritaire"))), "Json"),
                // not the last: the campaign keeps taking the dossiers of this class's other tests
                "lastSitting", typed(false, "Boolean"))).statusCode()).isEqualTo(204);
        assertThat(complete(REVIEWER, awaitTask(REVIEWER, number, "Activity_SignerConvention"),
                Map.of("conventionSignedOn", typed(LocalDate.now().toString(), "String"))).statusCode()).isEqualTo(204);
    }

    private void pay(String number, String reference) throws Exception {
        var payment = awaitTask(FINANCE, number, "Activity_MettreEnPaiement");
        var paid = complete(FINANCE, payment, Map.of("paymentReference", typed(reference, "String")));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(204);
    }

    private static List<String> ratios(JsonNode plan) {
        var ratios = new java.util.ArrayList<String>();
        plan.forEach(row -> ratios.add(row.get("ratio").decimalValue().setScale(4).toPlainString()));
        return ratios;
    }

    private String ledger(String number, String tranche) {
        return jdbc.sql("SELECT status FROM payment_tranche WHERE dossier_number = ? AND tranche_key = ?")
                .params(number, tranche).query(String.class).single();
    }

    private String statusOf(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single();
    }

    private void user(String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setPassword(id);
            user.setEmail(id + "@ars.example");
            identity.saveUser(user);
            for (var group : groups) {
                if (identity.createGroupQuery().groupId(group).count() == 0) {
                    var g = identity.newGroup(group);
                    g.setName(group);
                    g.setType("WORKFLOW");
                    identity.saveGroup(g);
                }
                identity.createMembership(id, group);
            }
        }
    }

    private String awaitTask(String user, String businessKey, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var tasks = json.readTree(api().get("/engine-rest/task?processInstanceBusinessKey=" + businessKey
                    + "&taskDefinitionKey=" + taskKey, Api.basic(user, user)).body());
            return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    /** Claims (if free) and completes the task as {@code user}; the completion's response. */
    private HttpResponse<String> complete(String user, String taskId, Map<String, Object> variables) throws Exception {
        api().post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}", Api.basic(user, user));
        return api().post("/engine-rest/task/" + taskId + "/complete",
                json.writeValueAsString(Map.of("variables", variables)), Api.basic(user, user));
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    private Api api() {
        return new Api(port);
    }
}
