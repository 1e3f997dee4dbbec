package fr.instruire.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.CampaignDefinition;
import fr.instruire.campaign.CampaignService;
import fr.instruire.campaign.Campaigns;
import fr.instruire.intake.ApplicationRequest;
import fr.instruire.intake.ApplicationRequest.EsmsRequest;
import fr.instruire.intake.IntakeService;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Clock;

/** Seeds the demo once: nothing is created again when the campaign already exists. */
@Component
@ConditionalOnProperty(name = "instruire.demo.enabled", havingValue = "true")
class DemoData {

    static final String CAMPAIGN = "esms-numerique-2026-guadeloupe";
    static final String REVIEWER = "instructeur.guadeloupe";
    static final String REVIEWERS = "instructeurs-guadeloupe";
    static final String COMMITTEE_MEMBER = "comite.guadeloupe";
    static final String COMMITTEE = "comite-guadeloupe";
    static final String OTHER_REGION_CAMPAIGN = "esms-numerique-2026-martinique";
    static final String OTHER_REGION_REVIEWER = "instructeur.martinique";
    static final String OTHER_REGION_REVIEWERS = "instructeurs-martinique";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CampaignService campaignService;
    private final Campaigns campaigns;
    private final IntakeService intake;
    private final IdentityService identity;
    private final TaskService tasks;
    private final Dossiers dossiers;

    DemoData(CampaignService campaignService, Campaigns campaigns, IntakeService intake, IdentityService identity, TaskService tasks,
             Dossiers dossiers) {
        this.dossiers = dossiers;
        this.campaignService = campaignService;
        this.campaigns = campaigns;
        this.intake = intake;
        this.identity = identity;
        this.tasks = tasks;
    }

    /**
     * Runs beside the started application: the dossiers move through their asynchronous steps on the job executor,
     * which starts on the same event.
     */
    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        if (campaigns.find(CAMPAIGN).isPresent()) {
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
        log.info("Démo : création des comptes, de la campagne {} et de dossiers d'exemple", CAMPAIGN);
        var zone = ZoneId.of("America/Guadeloupe");
        var today = LocalDate.ofInstant(Clock.now(), zone);
        // The call's calendar shape, moved to today: dépôt open for three months, sélection a month after it opens.
        campaignService.open(new CampaignDefinition(CAMPAIGN, "esms-numerique",
                "ESMS numérique — phase d'amorçage — ARS Guadeloupe, Saint-Martin, Saint-Barthélemy (démo)",
                "Guadeloupe", zone.getId(), today.minusDays(30).toString(), today.plusDays(60).toString(),
                today.toString(), today.plusDays(90).toString(), 2_000_000L, "ESMS", REVIEWERS, COMMITTEE,
                "P15D", "P21D", "esms-numerique@ars-guadeloupe.example"));
        user(REVIEWER, "Inès", "Instructrice", REVIEWERS);
        user(COMMITTEE_MEMBER, "Claude", "Comité", COMMITTEE);

        var waiting = submit("EHPAD Les Flamboyants", "Dossier usager informatisé pour la grappe des Flamboyants", "PA", "PETIT", 2, 8, "Guadeloupe");
        submit("Association Kaz'Autonomie", "DUI pour deux foyers d'accueil", "PH", "PETIT", 1, 2, "Guadeloupe");
        var complements = submit("Fondation Alizés Handicap", "Montée de version du DUI Alizés", "PH", "MOYEN_GRAND", 1, 4, "Guadeloupe");
        var instructing = submit("Groupe Solidarité Caraïbes", "Acquisition d'un DUI mutualisé", "PA", "MOYEN_GRAND", 1, 12, "Guadeloupe");
        var instructedA = submit("Résidences du Soleil", "DUI interopérable MSSanté et DMP", "PA", "MOYEN_GRAND", 1, 10, "Guadeloupe");
        var instructedB = submit("Réseau Antilles Autonomie", "DUI commun Guadeloupe–Martinique", "PH", "MOYEN_GRAND", 1, 6, "Martinique");

        review(complements, Map.of("recevabiliteDecision", "COMPLEMENTS",
                "complementsRequest", "Merci de transmettre l'attestation sur l'honneur signée et le planning prévisionnel du projet."));
        for (var number : List.of(instructing, instructedA, instructedB)) {
            review(number, Map.of("recevabiliteDecision", "RECEVABLE", "recevabiliteComment", "Dossier complet."));
        }
        instruct(instructedA, 4, "Projet mûr, équipe projet identifiée, interopérabilité MSSanté et DMP prévue.");
        instruct(instructedB, 3, "Projet multirégional cohérent ; financement partagé entre les ARS Guadeloupe et Martinique.");
        await(waiting, "Activity_VerifierRecevabilite");
        await(instructing, "Activity_InstruireDossier");
        seedMartinique(today);
        log.info("Démo prête : connectez-vous sur /camunda avec {} / {}", REVIEWER, REVIEWER);
    }

    /**
     * A second region, kept apart from the first: its own campaign, reviewer and dossier. Seeded last, so that the
     * Guadeloupe dossiers keep their numbers (ESMS-2026-0006 is the multi-regional one).
     */
    private void seedMartinique(LocalDate today) {
        var zone = ZoneId.of("America/Martinique");
        campaignService.open(new CampaignDefinition(OTHER_REGION_CAMPAIGN, "esms-numerique",
                "ESMS numérique — phase d'amorçage — ARS Martinique (démo)", "Martinique", zone.getId(),
                today.minusDays(30).toString(), today.plusDays(60).toString(), today.toString(), today.plusDays(90).toString(),
                1_500_000L, "ESMS", OTHER_REGION_REVIEWERS, "comite-martinique", "P15D", "P21D",
                "esms-numerique@ars-martinique.example"));
        user(OTHER_REGION_REVIEWER, "Marc", "Instructeur", OTHER_REGION_REVIEWERS);
        var waiting = submit(OTHER_REGION_CAMPAIGN, "Association Madinina Âge d'Or", "DUI partagé pour les EHPAD du Nord",
                "PA", "MOYEN_GRAND", 1, 8, "Martinique", "Martinique");
        await(waiting, "Activity_VerifierRecevabilite");
    }

    private void user(String id, String firstName, String lastName, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@ars.example");
            user.setPassword(id);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    private String submit(String organisation, String title, String publicType, String size, int organisations,
                          int esmsInGuadeloupe, String otherRegion) {
        return submit(CAMPAIGN, organisation, title, publicType, size, organisations, esmsInGuadeloupe, "Guadeloupe", otherRegion);
    }

    private String submit(String campaign, String organisation, String title, String publicType, String size, int organisations,
                          int esmsAtHome, String homeRegion, String otherRegion) {
        var esms = new java.util.ArrayList<EsmsRequest>();
        var finessPrefix = "Guadeloupe".equals(homeRegion) ? "97010" : "97220";
        for (int i = 1; i <= esmsAtHome; i++) {
            esms.add(new EsmsRequest(finessPrefix + "%04d".formatted(i + organisation.length() * 10), "Établissement " + i + " — " + organisation,
                    homeRegion, "PETIT".equals(size) ? "PETIT" : "MOYEN_GRAND", i % 2 == 0, "PETIT".equals(size) && i <= 2));
        }
        if (!homeRegion.equals(otherRegion)) {
            for (int i = 1; i <= 3; i++) {
                esms.add(new EsmsRequest("97220%04d".formatted(i), "Service " + i + " — " + organisation, otherRegion, "MOYEN_GRAND", false, false));
            }
        }
        var request = new ApplicationRequest(
                new ApplicationRequest.Organisation(organisation, null, "Direction", slug(organisation) + "@candidat.example"),
                new ApplicationRequest.Project(title, "Projet de démonstration : " + title + "."),
                publicType, "ACQUISITION", size, organisations, 2, true, true, esms, null, null, null);
        return intake.submit(campaign, request, null, null).response().dossierNumber();
    }

    private void review(String number, Map<String, Object> decision) {
        complete(await(number, "Activity_VerifierRecevabilite"), REVIEWER, REVIEWERS, decision);
    }

    private void instruct(String number, int score, String opinion) {
        complete(await(number, "Activity_InstruireDossier"), REVIEWER, REVIEWERS, Map.of(
                "scoreMotivation", score, "scorePerimetreFonctionnel", score, "scoreMutualisation", score - 1,
                "scoreInteroperabilite", score, "scorePlateformeRegionale", score - 1, "instructionComment", opinion));
        await(number, null);
    }

    private void complete(Task task, String userId, String group, Map<String, Object> variables) {
        identity.setAuthentication(userId, List.of(group));
        try {
            tasks.claim(task.getId(), userId);
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Waits for the job executor to bring the dossier to a task (or, with no task key, past its async steps). */
    private Task await(String number, String taskKey) {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (taskKey == null) {
                var status = campaignsDossierStatus(number);
                if ("INSTRUCTED".equals(status)) {
                    return null;
                }
            } else {
                var task = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(taskKey).singleResult();
                if (task != null) {
                    return task;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Démo : le dossier " + number + " n'a pas atteint " + (taskKey == null ? "l'état instruit" : taskKey));
    }

    private String campaignsDossierStatus(String number) {
        return dossiers.find(number).map(d -> d.status().name()).orElse("");
    }

    private static String slug(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z0-9]+", ".").toLowerCase().replaceAll("^\\.|\\.$", "");
    }
}
