package fr.instruire.models;

import static fr.instruire.models.MigrationCase.at;
import static fr.instruire.models.MigrationCase.model;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Every model of {@code bpmn/}, with the wait states its running instances are left at when the new version comes,
 * and what the step after each needs. The variables are what the intake or the campaign opening set (see each call's
 * process test); the decisions' inputs are given where the step after a task evaluates a table in the same
 * transaction.
 *
 * <p>When a model changes: refresh its previous version ({@code src/test/resources/models-previous/refresh.sh}), run
 * {@link ModelMigrationTest}, and write here what the engine now refuses ({@code refusedBecause}, {@code unmappedBecause}) or
 * what was renamed ({@code renamed}, with the reason) — then tell the process owners in docs/migrating-dossiers.md.
 */
final class ModelMigrationCases {

    /** The change the history shows between each previous version and the current one, for all the stamped models. */
    private static final String TEMPLATE_STAMPS = "same shape: only the Modeler element-template stamps "
            + "(camunda:modelerTemplate, e33fa11) were added to its service tasks and call activities";

    private ModelMigrationCases() {
    }

    static List<MigrationCase> all() {
        return List.of(mailTriage(), paymentTranche(), esmsCampaign(), esmsDossier(), facilisoinsCampaign(),
                facilisoinsDossier(), idfCampaign(), idfDossier(), cvlCampaign(), cvlDossier());
    }

    static MigrationCase mailTriage() {
        return model("bpmn/common/mail-triage.bpmn", "mail-triage")
                .changed(TEMPLATE_STAMPS)
                .deployedWith("forms/common")
                .variables("reviewerGroup", "instructeurs-guadeloupe", "mailId", 42L)
                .stops(
                        at("Activity_QualifierCourriel").fromTheStart().completing("triageDecision", "ECARTER"),
                        at("Activity_CreerDossier").runningItsJob());
    }

    static MigrationCase paymentTranche() {
        return model("bpmn/common/payment-tranche.bpmn", "payment-tranche")
                .changed(TEMPLATE_STAMPS)
                .deployedWith("forms/common")
                .variables("reviewerGroup", "instructeurs-guadeloupe", "financeGroup", "finance-ars-guadeloupe",
                        "tranche", "signature-Guadeloupe", "tranchePercent", 40)
                .stops(
                        at("Activity_PrevoirTranche").fromTheStart().runningItsJob(),
                        at("Activity_LibererTranche").with("trancheAmount", 116_000L)
                                .completing("trancheEvidence", "Convention signée le 15 juin 2021"),
                        at("Activity_MettreEnPaiement").with("trancheAmount", 116_000L)
                                .completing("paymentReference", "Mandat 2021-0412"),
                        at("Activity_NotifierVersement").with("trancheAmount", 116_000L).runningItsJob());
    }

    static MigrationCase esmsCampaign() {
        return model("bpmn/esms-numerique/esms-numerique-campaign.bpmn", "esms-numerique-campaign")
                .changed(TEMPLATE_STAMPS)
                .deployedWith("forms/esms-numerique")
                .variables(campaignCalendar("esms-numerique-2021-guadeloupe", "instructeurs-guadeloupe", "comite-guadeloupe"))
                .stops(
                        at("Event_DepotOuvert").fromTheStart().firing("Event_DepotOuvert"),
                        at("Event_SelectionOuverte").firing("Event_SelectionOuverte"),
                        at("Activity_TenirSeanceComite").completing("lastSitting", false),
                        // a sitting's decisions on their way to the dossiers: one job per dossier of the group
                        at("Activity_TransmettreDecision").startedBefore("Activity_TransmettreDecisions#multiInstanceBody")
                                .with("decidedDossierGroups", groups("ESMS-2021-0007", "ESMS-2021-0008"), "lastSitting", false)
                                .runningItsJob());
    }

    static MigrationCase esmsDossier() {
        return model("bpmn/esms-numerique/esms-numerique-dossier.bpmn", "esms-numerique-dossier")
                .changed(TEMPLATE_STAMPS)
                .callingTheTranche()
                .deployedWith("forms/esms-numerique", "dmn/esms-numerique", "forms/common")
                .variables("dossierNumber", "ESMS-2021-0007", "campaignKey", "esms-numerique-2021-guadeloupe",
                        "reviewerGroup", "instructeurs-guadeloupe", "complementsDelay", "P15D",
                        "conventionReminderDelay", "P21D", "financeGroup", "finance-ars-guadeloupe",
                        "usageReportCycle", "R/P1M", "fundingShares", list("Guadeloupe"), "grantAmount", 290_000L)
                .stops(
                        at("Activity_EnvoyerAccuseReception").fromTheStart().runningItsJob(),
                        at("Activity_VerifierRecevabilite").completing("recevabiliteDecision", "RECEVABLE"),
                        at("Gateway_AttenteComplements").correlating("complements-received"),
                        at("Activity_InstruireDossier").completing("scoreMotivation", 4, "scorePerimetreFonctionnel", 3,
                                "scoreMutualisation", 5, "scoreInteroperabilite", 4, "scorePlateformeRegionale", 2,
                                "instructionComment", "Projet structurant pour trois organismes gestionnaires."),
                        at("Event_DecisionComiteRecue").correlating("committee-decision", "selected", false,
                                "committeeReason", "Score insuffisant au regard de l'enveloppe."),
                        // multi-instance (one convention per ARS) with its reminder timer
                        at("Activity_SignerConvention").startedBefore("Activity_SignerConvention#multiInstanceBody")
                                .completing("conventionSignedOn", "2021-06-15"),
                        // waiting in the tranche it called (multi-instance, one per ARS)
                        at("Activity_VerserTrancheSignature").startedBefore("Activity_VerserTrancheSignature#multiInstanceBody")
                                .payingTheTranche(),
                        at("Event_FinParametrageDeclaree").correlating("fin-parametrage-declaree"),
                        // receive task with its monthly check (a cycle timer on its boundary)
                        at("Activity_AttendreFinDeploiement").correlating("fin-deploiement-declaree"),
                        at("Activity_VerifierCriteresUtilisation").completing("usageWaived4", false, "usageWaived5", false));
    }

    static MigrationCase facilisoinsCampaign() {
        return model("bpmn/facilisoins/facilisoins-campaign.bpmn", "facilisoins-campaign")
                .changed(TEMPLATE_STAMPS)
                .deployedWith("forms/facilisoins")
                .variables("campaignKey", "facilisoins-2027", "submissionOpensAt", day(2026, 12, 15),
                        "submissionClosesAt", day(2027, 2, 22), "selectionOpensAt", day(2027, 3, 1),
                        "ctisOpensAt", day(2027, 4, 1), "resultsBy", day(2027, 5, 1),
                        "nationalTeamGroup", "equipe-nationale-art51", "dgcsGroup", "dgcs", "ctisGroup", "ctis")
                .stops(
                        at("Event_DepotOuvert").fromTheStart().firing("Event_DepotOuvert"),
                        at("Activity_ProposerSelection").completing(),
                        at("Activity_RecueillirAvisCtis").completing(),
                        at("Activity_TransmettreDecision").startedBefore("Activity_TransmettreDecisions#multiInstanceBody")
                                .with("decidedDossierGroups", groups("FACI-2027-0001", "FACI-2027-0002")).runningItsJob(),
                        at("Activity_PrendreArrete").completing("arreteDate", "2027-05-20", "arreteReference", "Arrêté du 20 mai 2027"));
    }

    static MigrationCase facilisoinsDossier() {
        return model("bpmn/facilisoins/facilisoins-dossier.bpmn", "facilisoins-dossier")
                .changed(TEMPLATE_STAMPS)
                .callingTheTranche()
                .deployedWith("forms/facilisoins", "dmn/facilisoins", "forms/common")
                .variables("dossierNumber", "FACI-2027-0001", "campaignKey", "facilisoins-2027",
                        "reviewerGroup", "equipe-nationale-art51", "nationalTeamGroup", "equipe-nationale-art51",
                        "dgcsGroup", "dgcs", "arsGroup", "ars-idf", "cpamGroup", "cpam-paris", "channel", "MAIL",
                        "receivedLate", false, "complementsDelay", "P15D", "opinionDelay", "P15D", "opinionReminder", "P10D",
                        "opinionDueDate", day(2027, 4, 1), "experimentationDuration", "P18M",
                        "actionPlanUpdateCycle", "R/P1Y", "dataDeliveryCycle", "R/P3M", "financeGroup", "finance-ars-idf",
                        "grantAmount", 50_000L, "admissibilityReasons", list())
                .stops(
                        at("Activity_EnregistrerCandidature").fromTheStart().completing(),
                        // the table runs in the same transaction as the review's end: its inputs, as loadDossierFacts gives them
                        at("Activity_VerifierRecevabilite").with("submittedBeforeDeadline", true, "dossierComplete", true,
                                "coordinatorIdentified", true, "objectivesAdequate", true, "territorialDynamic", true,
                                "engineeringCostEstimated", true, "healthProductShareMethodology", true)
                                .completing("recevabiliteDecision", "RECEVABLE"),
                        at("Activity_ValiderRecevabiliteDgcs").with("recevabiliteDecision", "IRRECEVABLE")
                                .completing("dgcsDisagrees", false),
                        at("Gateway_AttenteComplements").correlating("complements-received"),
                        // the two regional opinions in parallel, each with its reminder and its due date (timers)
                        at("Activity_AvisArs").startedBefore("Gateway_AvisRegionaux").completing("opinion", "FAVORABLE"),
                        at("Event_DecisionRecue").correlating("committee-decision", "selected", false),
                        at("Event_ArretePublie").correlating("arrete-published", "arreteDate", "2027-05-20",
                                "arreteReference", "Arrêté du 20 mai 2027"),
                        // inside the experimentation sub-process, with its event sub-processes (timer cycles, message)
                        at("Activity_Contractualiser").startedBefore("Activity_Experimentation").completing(),
                        at("Activity_VerserCreditsAmorcage").payingTheTranche(),
                        at("Event_DureeExperimentationEcoulee").startedBefore("Activity_Experimentation")
                                .firing("Event_DureeExperimentationEcoulee"),
                        at("Activity_VerserSolde").payingTheTranche());
    }

    static MigrationCase idfCampaign() {
        return model("bpmn/idf-parcours/idf-parcours-campaign.bpmn", "idf-parcours-campaign")
                .withoutEarlierVersion()
                .changed("no earlier version in the history (94de5c0 wrote it): the current file deployed twice")
                .variables("submissionOpensAt", day(2026, 12, 1), "submissionClosesAt", day(2027, 1, 31),
                        "dgosDeadline", day(2027, 6, 30))
                .stops(
                        at("Event_DepotLettresOuvert").fromTheStart().firing("Event_DepotLettresOuvert"),
                        at("Event_DateLimiteLettresAtteinte").firing("Event_DateLimiteLettresAtteinte"),
                        at("Event_EcheanceDgosAtteinte").firing("Event_EcheanceDgosAtteinte"));
    }

    static MigrationCase idfDossier() {
        return model("bpmn/idf-parcours/idf-parcours-dossier.bpmn", "idf-parcours-dossier")
                .changed(TEMPLATE_STAMPS)
                .callingTheTranche()
                .deployedWith("forms/idf-parcours", "dmn/idf-parcours", "forms/common")
                .variables("dossierNumber", "SNACS-2027-0001", "campaignKey", "idf-parcours-2027",
                        "reviewerGroup", "strategie-ars-idf", "complementsDelay", "P15D", "channel", "API",
                        "receivedLate", false, "strategyGroup", "strategie-ars-idf", "departmentGroup", "dd-75",
                        "sesanGroup", "sesan", "dgosDeadline", day(2027, 6, 30), "usageIndicatorsDelay", "P2Y",
                        "financeGroup", "finance-ars-idf", "funding", fundingResult(), "eligibilityReasons", list())
                .stops(
                        at("Activity_AccuserReceptionLettre").fromTheStart().runningItsJob(),
                        at("Activity_ExaminerLettreIntention").completing("recevabiliteDecision", "IRRECEVABLE"),
                        at("Gateway_AttenteComplements").correlating("complements-received"),
                        // in the SNACs preparation sub-process, with the DGOS deadline on its boundary
                        at("Event_DossierSnacsDepose").startedBefore("Activity_PreparerDossierSnacs")
                                .correlating("snacs-depose"),
                        at("Activity_FinaliserDossierSnacs").completing("snacsDecision", "REPRENDRE"),
                        at("Activity_TransmettreDossierDgos").completing("dgosSentOn", "2027-03-01"),
                        at("Activity_EnregistrerDecisionDgos").completing("dgosDecision", "NON_RETENU",
                                "dgosDecisionOn", "2027-05-02", "dgosDecisionReason", "Enveloppe épuisée"),
                        at("Activity_LancerProjet").completing("projectStartedOn", "2027-06-01"),
                        at("Activity_VerserTrancheDemarrage").payingTheTranche(),
                        // the two branches of the follow-up: the deployment task and the two-year timer
                        at("Activity_DeployerServices").startedBefore("Gateway_SuiviProjet").completing(),
                        at("Event_DelaiUsagesEcoule").startedBefore("Gateway_SuiviProjet").firing("Event_DelaiUsagesEcoule"),
                        at("Activity_VerifierIndicateursUsage").completing("usageIndicatorsMet", "NON_ATTEINTS"));
    }

    static MigrationCase cvlCampaign() {
        return model("bpmn/cvl-numerique/cvl-numerique-campaign.bpmn", "cvl-numerique-campaign")
                .changed(TEMPLATE_STAMPS)
                .deployedWith("forms/cvl-numerique")
                .variables(campaignCalendar("cvl-numerique-2027", "instructeurs-cvl", "comite-financeurs-cvl"))
                .stops(
                        at("Event_DepotOuvert").fromTheStart().firing("Event_DepotOuvert"),
                        at("Event_DepotClos").startedBefore("Gateway_PhasesCampagne").firing("Event_DepotClos"),
                        at("Activity_TenirSeanceComite").completing("lastSitting", true),
                        at("Activity_TransmettreDecision").startedBefore("Activity_TransmettreDecisions#multiInstanceBody")
                                .with("decidedDossierGroups", groups("CVL-2027-0001"), "lastSitting", false).runningItsJob());
    }

    static MigrationCase cvlDossier() {
        return model("bpmn/cvl-numerique/cvl-numerique-dossier.bpmn", "cvl-numerique-dossier")
                .changed(TEMPLATE_STAMPS)
                .callingTheTranche()
                .deployedWith("forms/cvl-numerique", "dmn/cvl-numerique", "forms/common")
                .variables("dossierNumber", "CVL-2027-0001", "campaignKey", "cvl-numerique-2027",
                        "reviewerGroup", "instructeurs-cvl", "complementsDelay", "P15D", "conventionReminderDelay", "P30D",
                        "urpsGroup", "urps-cvl", "urpsOpinionDelay", "P15D", "financeGroup", "finance-cvl",
                        "grantAmount", 80_000L, "paymentDue", 20_000L, "fundingTranches", 0, "fundingCommitted", 0L)
                .stops(
                        at("Activity_EnvoyerAccuseReception").fromTheStart().runningItsJob(),
                        at("Activity_VerifierRecevabilite").completing("recevabiliteDecision", "RECEVABLE"),
                        at("Gateway_AttenteComplements").correlating("complements-received"),
                        at("Activity_AnalyserProjet").completing("urpsOpinionRequested", true),
                        // with its delay on the boundary
                        at("Activity_RecueillirAvisUrps").completing(),
                        at("Event_DecisionComiteRecue").correlating("committee-decision", "selected", false),
                        at("Activity_AttendreJustificatifs").correlating("justificatifs-deposes", "finalStatement", false),
                        at("Activity_VerserPaiement").with("finalStatement", true).payingTheTranche(),
                        at("Activity_DeciderAccompagnement").completing("supportOffered", false));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Object[] campaignCalendar(String campaign, String reviewers, String committee) {
        return new Object[] {
                "campaignKey", campaign, "timeZone", "Europe/Paris", "region", "Région",
                "submissionOpensAt", day(2027, 2, 3), "submissionClosesAt", day(2027, 5, 4),
                "selectionOpensAt", day(2027, 3, 3), "selectionClosesAt", day(2027, 6, 4),
                "budgetEnvelope", 1_500_000L, "reviewerGroup", reviewers, "committeeGroup", committee };
    }

    /** The funding table's result as the model keeps it ({@code funding.grantAmount}, {@code funding.usageLinkedAmount}). */
    private static java.util.HashMap<String, Object> fundingResult() {
        var funding = new java.util.HashMap<String, Object>();
        funding.put("grantAmount", 100_000L);
        funding.put("usageLinkedAmount", 40_000L);
        return funding;
    }

    static Date day(int year, int month, int day) {
        return Date.from(LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static ArrayList<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    private static ArrayList<ArrayList<String>> groups(String... dossiers) {
        return DecidedDossierGroups.groups(List.of(dossiers));
    }
}
