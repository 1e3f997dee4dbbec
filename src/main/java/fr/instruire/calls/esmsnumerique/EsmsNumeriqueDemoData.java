package fr.instruire.calls.esmsnumerique;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.CampaignDefinition;
import fr.instruire.campaign.CampaignService;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.intake.ApplicationRequest;
import fr.instruire.intake.IntakeService;
import fr.instruire.system.Clock;
import fr.instruire.demo.DemoTasks;

/**
 * Seeds the demo once per campaign: two ESMS numérique campaigns, Guadeloupe and Martinique, each with its own
 * reviewers and committee, so that each region's staff see their own dossiers only. Dossiers are created and moved
 * through the same API, processes and tasks as real ones.
 */
@Component
@ConditionalOnProperty(name = "instruire.demo.enabled", havingValue = "true")
class EsmsNumeriqueDemoData {

    /** One demo session of the call: its ARS, its accounts (password = name) and its groups. */
    record DemoCampaign(String key, String region, String arsName, String reviewer, String reviewerName,
                        String reviewers, String committeeMember, String committeeMemberName, String committee) {
    }

    static final DemoCampaign GUADELOUPE = new DemoCampaign("esms-numerique-2026-guadeloupe", "Guadeloupe",
            "ARS Guadeloupe, Saint-Martin, Saint-Barthélemy", "instructeur.guadeloupe", "Inès Instructrice",
            "instructeurs-guadeloupe", "comite.guadeloupe", "Claude Comité", "comite-guadeloupe");
    static final DemoCampaign MARTINIQUE = new DemoCampaign("esms-numerique-2026-martinique", "Martinique",
            "ARS Martinique", "instructeur.martinique", "Marius Instructeur", "instructeurs-martinique",
            "comite.martinique", "Camille Comité", "comite-martinique");

    private static final Logger log = LoggerFactory.getLogger(EsmsNumeriqueDemoData.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String VERIFY = "Activity_VerifierRecevabilite";
    private static final String INSTRUCT = "Activity_InstruireDossier";

    private final CampaignService campaignService;
    private final Campaigns campaigns;
    private final IntakeService intake;
    private final DemoTasks demo;

    EsmsNumeriqueDemoData(CampaignService campaignService, Campaigns campaigns, IntakeService intake, DemoTasks demo) {
        this.campaignService = campaignService;
        this.campaigns = campaigns;
        this.intake = intake;
        this.demo = demo;
    }

    /**
     * Runs beside the started application: the dossiers move through their asynchronous steps on the job executor,
     * which starts on the same event.
     */
    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        if (campaigns.find(GUADELOUPE.key()).isPresent() && campaigns.find(MARTINIQUE.key()).isPresent()) {
            return;
        }
        var seeding = new Thread(() -> {
            try {
                seed();
            } catch (RuntimeException e) {
                log.error("Démo : les données d'exemple n'ont pas pu être créées", e);
            }
        }, "demo-data");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed() {
        if (campaigns.find(GUADELOUPE.key()).isEmpty()) {
            seedGuadeloupe();
        }
        if (campaigns.find(MARTINIQUE.key()).isEmpty()) {
            seedMartinique();
        }
        log.info("Démo prête : connectez-vous sur /camunda avec {} / {}", GUADELOUPE.reviewer(), GUADELOUPE.reviewer());
    }

    private void seedGuadeloupe() {
        var c = open(GUADELOUPE, "America/Guadeloupe", 2_000_000L);
        var waiting = submit(c, "EHPAD Les Flamboyants", "Dossier usager informatisé pour la grappe des Flamboyants", "PA", "PETIT", 2, 8, null);
        submit(c, "Association Kaz'Autonomie", "DUI pour deux foyers d'accueil", "PH", "PETIT", 1, 2, null);
        var complements = submit(c, "Fondation Alizés Handicap", "Montée de version du DUI Alizés", "PH", "MOYEN_GRAND", 1, 4, null);
        var instructing = submit(c, "Groupe Solidarité Caraïbes", "Acquisition d'un DUI mutualisé", "PA", "MOYEN_GRAND", 1, 12, null);
        var instructedA = submit(c, "Résidences du Soleil", "DUI interopérable MSSanté et DMP", "PA", "MOYEN_GRAND", 1, 10, null);
        var instructedB = submit(c, "Réseau Antilles Autonomie", "DUI commun Guadeloupe–Martinique", "PH", "MOYEN_GRAND", 1, 6, "Martinique");

        review(c, complements, Map.of("recevabiliteDecision", "COMPLEMENTS",
                "complementsRequest", "Merci de transmettre l'attestation sur l'honneur signée et le planning prévisionnel du projet."));
        for (var number : List.of(instructing, instructedA, instructedB)) {
            review(c, number, Map.of("recevabiliteDecision", "RECEVABLE", "recevabiliteComment", "Dossier complet."));
        }
        instruct(c, instructedA, 4, "Projet mûr, équipe projet identifiée, interopérabilité MSSanté et DMP prévue.");
        instruct(c, instructedB, 3, "Projet multirégional cohérent ; financement partagé entre les ARS Guadeloupe et Martinique.");
        demo.await(waiting, VERIFY);
        demo.await(instructing, INSTRUCT);
    }

    private void seedMartinique() {
        var c = open(MARTINIQUE, "America/Martinique", 1_500_000L);
        var waiting = submit(c, "Association Madinina Seniors", "DUI pour les EHPAD du Nord Caraïbe", "PA", "MOYEN_GRAND", 1, 9, null);
        var instructed = submit(c, "Fondation Lumina Handicap", "Mise en conformité du DUI Lumina", "PH", "MOYEN_GRAND", 1, 5, null);
        review(c, instructed, Map.of("recevabiliteDecision", "RECEVABLE", "recevabiliteComment", "Dossier complet."));
        instruct(c, instructed, 4, "Montée de version bien cadrée, MSSanté et DMP déjà raccordés.");
        demo.await(waiting, VERIFY);
    }

    /** The call's calendar shape, moved to today: dépôt open for three months, sélection open from today. */
    private DemoCampaign open(DemoCampaign c, String zoneId, long budget) {
        log.info("Démo : création de la campagne {}, de ses comptes et de dossiers d'exemple", c.key());
        var zone = ZoneId.of(zoneId);
        var today = LocalDate.ofInstant(Clock.now(), zone);
        campaignService.open(new CampaignDefinition(c.key(), "esms-numerique",
                "ESMS numérique — phase d'amorçage — " + c.arsName() + " (démo)", c.region(), zone.getId(),
                today.minusDays(30).toString(), today.plusDays(60).toString(), today.toString(),
                today.plusDays(90).toString(), budget, "ESMS", c.reviewers(), c.committee(), "P15D", "P21D",
                "esms-numerique@ars-" + slug(c.region()) + ".example",
                // the ARS's finance team records the payments of the tranches its reviewers release
                Map.of("financeGroup", "finance-" + slug(c.region()),
                        // its pilotage watches the campaign in Cockpit (Instruire's plugin)
                        "managerGroup", "pilotage-" + slug(c.region()))));
        user(c.reviewer(), c.reviewerName(), c.reviewers());
        user(c.committeeMember(), c.committeeMemberName(), c.committee());
        user("finance." + slug(c.region()), "Fabienne Finances", "finance-" + slug(c.region()));
        user("pilotage." + slug(c.region()), "Paul Pilotage", "pilotage-" + slug(c.region()));
        return c;
    }

    private void user(String id, String name, String group) {
        demo.user(id, name.substring(0, name.indexOf(' ')), name.substring(name.indexOf(' ') + 1), id + "@ars.example", group);
    }

    private String submit(DemoCampaign c, String organisation, String title, String publicType, String size,
                          int organisations, int esmsInRegion, String otherRegion) {
        var esms = new ArrayList<Map<String, Object>>();
        var finessPrefix = "Martinique".equals(c.region()) ? "97220" : "97010";
        for (int i = 1; i <= esmsInRegion; i++) {
            esms.add(Map.of("finess", finessPrefix + "%04d".formatted(i + organisation.length() * 10),
                    "name", "Établissement " + i + " — " + organisation, "region", c.region(), "size", size,
                    "medicalised", i % 2 == 0, "equipmentRequested", "PETIT".equals(size) && i <= 2));
        }
        if (otherRegion != null) {
            for (int i = 1; i <= 3; i++) {
                esms.add(Map.of("finess", "97220%04d".formatted(i), "name", "Service " + i + " — " + organisation,
                        "region", otherRegion, "size", "MOYEN_GRAND", "medicalised", false, "equipmentRequested", false));
            }
        }
        var request = new ApplicationRequest(
                new ApplicationRequest.Organisation(organisation, null, "Direction", slug(organisation) + "@candidat.example"),
                new ApplicationRequest.Project(title, "Projet de démonstration : " + title + "."),
                JSON.convertValue(Map.of("publicType", publicType, "projectType", "ACQUISITION", "managingOrganisationSize", size,
                        "managingOrganisationCount", organisations, "coreServicesCount", 2, "honourStatementProvided", true,
                        "purchasingFrameworkCompliant", true, "esms", esms),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, com.fasterxml.jackson.databind.JsonNode>>() { }));
        return intake.submit(c.key(), request).response().dossierNumber();
    }

    private void review(DemoCampaign c, String number, Map<String, Object> decision) {
        demo.complete(demo.await(number, VERIFY), c.reviewer(), c.reviewers(), decision);
    }

    private void instruct(DemoCampaign c, String number, int score, String opinion) {
        demo.complete(demo.await(number, INSTRUCT), c.reviewer(), c.reviewers(), Map.of(
                "scoreMotivation", score, "scorePerimetreFonctionnel", score, "scoreMutualisation", score - 1,
                "scoreInteroperabilite", score, "scorePlateformeRegionale", score - 1, "instructionComment", opinion));
        demo.awaitStatus(number, DossierStatus.INSTRUCTED);
    }

    private static String slug(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9]+", ".").toLowerCase()
                .replaceAll("^\\.|\\.$", "");
    }
}
