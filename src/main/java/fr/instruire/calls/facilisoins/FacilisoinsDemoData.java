package fr.instruire.calls.facilisoins;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaign;
import fr.instruire.campaign.CampaignDefinition;
import fr.instruire.campaign.CampaignService;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.identity.GroupAccess;
import fr.instruire.intake.IntakeService;
import fr.instruire.system.Clock;
import fr.instruire.demo.DemoTasks;

/**
 * Seeds the Facilisoins (Article 51) demo once: a national session of the call, {@code facilisoins-2026}, its accounts
 * — the équipe nationale Article 51, the DGCS, the ARS and the CPAM of Île-de-France, the CTIS — and four dossiers
 * received by mail at different stages. Dossiers are created as the mail intake creates them and moved through the
 * same tasks as real ones, with the variables {@code FacilisoinsJourneyIT} uses.
 */
@Component
@ConditionalOnProperty(name = "instruire.demo.enabled", havingValue = "true")
class FacilisoinsDemoData {

    static final String CAMPAIGN = "facilisoins-2026";
    static final String REGION = "Île-de-France";
    static final String NATIONAL_TEAM_GROUP = "equipe-nationale-art51";
    static final String DGCS_GROUP = "dgcs";
    static final String CTIS_GROUP = "ctis";
    /** The groups {@code assignRegionalPartners} gives the opinions to, from the dossier's region. */
    static final String ARS_GROUP = "ars-ile-de-france";
    static final String CPAM_GROUP = "cpam-ile-de-france";

    static final String NATIONAL_TEAM = "equipe.nationale";
    static final String DGCS = "dgcs";
    static final String ARS = "ars.iledefrance";
    static final String CPAM = "cpam.iledefrance";
    static final String CTIS = "ctis";

    private static final Logger log = LoggerFactory.getLogger(FacilisoinsDemoData.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String REGISTER = "Activity_EnregistrerCandidature";
    private static final String VERIFY = "Activity_VerifierRecevabilite";
    private static final String VALIDATE = "Activity_ValiderRecevabiliteDgcs";
    private static final String ARS_OPINION = "Activity_AvisArs";
    private static final String CPAM_OPINION = "Activity_AvisCpam";
    private static final String GRID = "Activity_NoterDossier";
    private static final List<String> GRID_CRITERIA = List.of("scoreConstructionProjet", "scoreComprehensionEnjeux",
            "scoreCoherenceTerritoire", "scoreCaractereInnovant", "scoreActionsBesoinsSoins", "scoreEngagement",
            "scoreEstimationCouts", "scoreCapacitesOrganisationnelles", "scorePartenariats", "scoreGouvernance");

    /** One establishment applying by mail, as the annexed dossier de candidature describes it. */
    record Applicant(String name, String category, String statut, String publicAccueilli, String sender, String contact,
                     String address, long requestedAmount) {
    }

    static final Applicant PEUPLIERS = new Applicant("FAM Les Peupliers", "FAM", "Association", "ADULTES",
            "direction@fam-peupliers.example", "M. Karim Benali", "12 rue des Peupliers, 94200 Ivry-sur-Seine", 45_000);
    static final Applicant TILLEULS = new Applicant("IME Les Tilleuls", "IME", "Association", "ENFANTS",
            "direction@ime-tilleuls.example", "Mme Sophie Marchand", "4 allée des Tilleuls, 93100 Montreuil", 38_000);
    static final Applicant CEDRES = new Applicant("MAS Les Cèdres", "MAS", "Fondation", "ADULTES",
            "direction@mas-cedres.example", "Mme Aïcha Diallo", "27 avenue Jean-Jaurès, 92140 Clamart", 50_000);
    static final Applicant ECUREUILS = new Applicant("MAS Les Écureuils", "MAS", "Association", "ENFANTS_ET_ADULTES",
            "direction@mas-ecureuils.example", "M. Paul Lefèvre", "3 chemin des Écureuils, 78000 Versailles", 62_000);

    private final CampaignService campaignService;
    private final Campaigns campaigns;
    private final IntakeService intake;
    private final DemoTasks demo;
    private final GroupAccess groups;

    FacilisoinsDemoData(CampaignService campaignService, Campaigns campaigns, IntakeService intake, DemoTasks demo,
                        GroupAccess groups) {
        this.campaignService = campaignService;
        this.campaigns = campaigns;
        this.intake = intake;
        this.demo = demo;
        this.groups = groups;
    }

    /** Runs beside the started application, as {@link DemoData}: the job executor moves the dossiers on. */
    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        if (campaigns.find(CAMPAIGN).isPresent()) {
            return;
        }
        var seeding = new Thread(() -> {
            try {
                seed();
            } catch (RuntimeException e) {
                log.error("Démo Facilisoins : les données d'exemple n'ont pas pu être créées", e);
            }
        }, "demo-data-facilisoins");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed() {
        if (campaigns.find(CAMPAIGN).isPresent()) {
            return;
        }
        var campaign = open();
        accounts();

        // 1. received by mail, waiting for « Enregistrer la candidature »
        var received = receiveByMail(campaign, PEUPLIERS);
        // 2. registered, waiting for the recevabilité
        var registered = receiveByMail(campaign, TILLEULS);
        register(registered, TILLEULS);
        // 3. recevable, waiting for the opinions of the ARS and the CPAM
        var recevable = receiveByMail(campaign, CEDRES);
        register(recevable, CEDRES);
        admit(recevable);
        // 4. instructed (opinions given, grid scored), waiting for the national selection
        var instructed = receiveByMail(campaign, ECUREUILS);
        register(instructed, ECUREUILS);
        admit(instructed);
        demo.complete(demo.await(instructed, ARS_OPINION), ARS, ARS_GROUP, Map.of("opinion", "FAVORABLE",
                "opinionText", "Projet cohérent avec le PRS ; partenariat solide avec le centre de santé voisin."));
        demo.complete(demo.await(instructed, CPAM_OPINION), CPAM, CPAM_GROUP, Map.of("opinion", "RESERVE",
                "opinionText", "Estimation des coûts à préciser pour la part des produits de santé."));
        var marks = new HashMap<String, Object>();
        GRID_CRITERIA.forEach(criterion -> marks.put(criterion, 4));
        marks.put("scoreEstimationCouts", 3);
        demo.complete(demo.await(instructed, GRID), NATIONAL_TEAM, NATIONAL_TEAM_GROUP, marks);
        demo.awaitStatus(instructed, DossierStatus.INSTRUCTED);

        demo.await(received, REGISTER);
        demo.await(registered, VERIFY);
        demo.await(recevable, ARS_OPINION);
        demo.await(recevable, CPAM_OPINION);
        log.info("Démo prête (Facilisoins) : connectez-vous sur /camunda avec {} / {}", NATIONAL_TEAM, NATIONAL_TEAM);
    }

    /**
     * The call's calendar moved to today, in Europe/Paris: candidatures open since a month and for two more, then the
     * national selection, the CTIS and the results.
     */
    private Campaign open() {
        log.info("Démo : création de la campagne {}, de ses comptes et de dossiers d'exemple", CAMPAIGN);
        var today = LocalDate.ofInstant(Clock.now(), PARIS);
        // the work groups, named before the campaign names them after its title
        groups.ensureWorkGroup(NATIONAL_TEAM_GROUP, "Équipe nationale Article 51");
        groups.ensureWorkGroup(DGCS_GROUP, "DGCS");
        groups.ensureWorkGroup(CTIS_GROUP, "Comité technique de l'innovation en santé (CTIS)");
        var variables = Map.<String, Object>ofEntries(
                Map.entry("nationalTeamGroup", NATIONAL_TEAM_GROUP),
                Map.entry("dgcsGroup", DGCS_GROUP),
                Map.entry("ctisGroup", CTIS_GROUP),
                Map.entry("places", 30),
                Map.entry("ctisOpensAt", today.plusDays(75).toString()),
                Map.entry("resultsBy", today.plusDays(95).toString()),
                Map.entry("opinionDelay", "P15D"),
                Map.entry("opinionReminder", "P10D"),
                Map.entry("experimentationDuration", "P18M"),
                Map.entry("actionPlanUpdateCycle", "R/P1Y"),
                Map.entry("dataDeliveryCycle", "R/P3M"));
        return campaignService.open(new CampaignDefinition(CAMPAIGN, "facilisoins",
                "Facilisoins — expérimentation Article 51 — session 2026 (démo)", REGION, PARIS.getId(),
                today.minusDays(30).toString(), today.plusDays(60).toString(), today.plusDays(61).toString(),
                today.plusDays(100).toString(), 1_500_000L, "FACI", NATIONAL_TEAM_GROUP, CTIS_GROUP, "P15D", "P21D",
                "facilisoins@dgcs.example", variables));
    }

    /** Password = name. The regional groups are the ones the opinions go to, created here as the model would. */
    private void accounts() {
        groups.ensureWorkGroup(ARS_GROUP, campaigns.regionExists(REGION) ? campaigns.arsName(REGION) : "ARS " + REGION);
        groups.ensureWorkGroup(CPAM_GROUP, "CPAM — " + REGION);
        user(NATIONAL_TEAM, "Nadia", "Nationale", "@sante.gouv.example", NATIONAL_TEAM_GROUP);
        user(DGCS, "Damien", "Dgcs", "@social.gouv.example", DGCS_GROUP);
        user(ARS, "Agnès", "Arsiledefrance", "@ars.example", ARS_GROUP);
        user(CPAM, "Cyril", "Cpamiledefrance", "@assurance-maladie.example", CPAM_GROUP);
        user(CTIS, "Thérèse", "Ctis", "@sante.gouv.example", CTIS_GROUP);
        // the call's default finance team (calls/facilisoins.yaml, campaignDefaults.financeGroup): pays the credits
        user("finances.art51", "Fabrice", "Finances", "@sante.gouv.example", "facilisoins-finance");
    }

    private void user(String id, String firstName, String lastName, String domain, String group) {
        demo.user(id, firstName, lastName, id + domain, group);
    }

    /** As the mail intake does for a matching subject: a dossier « reçu par courriel, à enregistrer ». */
    private String receiveByMail(Campaign campaign, Applicant a) {
        var now = Clock.now();
        return intake.createDossier(campaign, IntakeService.Arrival.mail(a.sender(), false,
                        "Candidature reçue par courriel (démo) : FACILISOINS – appel à candidatures – " + a.name()), null,
                number -> new Dossier(number, campaign.key(), DossierStatus.RECEIVED, a.name(), null, a.contact(), a.sender(),
                        "Candidature Facilisoins — " + a.name(), null, null, null, now, now))
                .number();
    }

    /** « Enregistrer la candidature »: the national secretariat types the annexed dossier de candidature. */
    private void register(String number, Applicant a) {
        var form = new HashMap<String, Object>();
        form.put("raisonSociale", a.name());
        form.put("statutJuridique", a.statut());
        form.put("categorieEsms", a.category());
        form.put("agrement", "Autorisation ARS Île-de-France");
        form.put("dateCreation", "2008-09-01");
        form.put("adresse", a.address());
        form.put("region", REGION);
        form.put("publicAccueilli", a.publicAccueilli());
        form.put("contactNom", a.contact());
        form.put("contactFonction", "Direction de l'établissement");
        form.put("contactTelephone", "01 23 45 67 89");
        form.put("contactEmail", a.sender());
        form.put("interlocuteurs", "Infirmière coordinatrice ; médecin coordonnateur");
        form.put("partProduitsSanteN1", 11.5);
        form.put("partProduitsSanteN2", 12.0);
        form.put("partProduitsSanteN3", 12.8);
        form.put("creditsAmorcage", a.requestedAmount() / 2);
        form.put("creditsIngenierie", a.requestedAmount() - a.requestedAmount() / 2);
        form.put("requestedAmount", a.requestedAmount());
        demo.complete(demo.await(number, REGISTER), NATIONAL_TEAM, NATIONAL_TEAM_GROUP, form);
    }

    /** The recevabilité, by the équipe nationale, validated by the DGCS (« de manière conjointe »): every criterion met. */
    private void admit(String number) {
        demo.complete(demo.await(number, VERIFY), NATIONAL_TEAM, NATIONAL_TEAM_GROUP, Map.of("submittedBeforeDeadline", true,
                "dossierComplete", true, "coordinatorIdentified", true, "objectivesAdequate", true, "territorialDynamic", true,
                "engineeringCostEstimated", true, "healthProductShareMethodology", true,
                "recevabiliteDecision", "RECEVABLE", "recevabiliteComment", "Dossier complet, critères réunis."));
        demo.complete(demo.await(number, VALIDATE), DGCS, DGCS_GROUP, Map.of("dgcsDisagrees", false));
    }
}
