package fr.instruire.models.cvlnumerique;

/**
 * The technically relevant names of {@code bpmn/cvl-numerique/cvl-numerique-dossier.bpmn}: element ids, messages,
 * beans and variables that the tests and the platform's delegates rely on. Renaming one of them in the model breaks
 * running instances and history: change it here and in the model together, deliberately.
 */
final class CvlNumeriqueDossier {

    static final String PROCESS_ID = "cvl-numerique-dossier";
    static final String PAYMENT_DMN = "dmn/cvl-numerique/cvl-numerique-payment.dmn";
    static final String PAYMENT_TRANCHE_BPMN = "bpmn/common/payment-tranche.bpmn";
    static final String FORM_LIBERATION = "forms/common/payment-liberation.form";
    static final String FORM_MISE_EN_PAIEMENT = "forms/common/payment-mise-en-paiement.form";
    static final String BPMN = "bpmn/cvl-numerique/cvl-numerique-dossier.bpmn";
    static final String ELIGIBILITY_DMN = "dmn/cvl-numerique/cvl-numerique-eligibility.dmn";
    static final String FUNDING_DMN = "dmn/cvl-numerique/cvl-numerique-funding.dmn";
    static final String FORM_RECEVABILITE = "forms/cvl-numerique/cvl-numerique-recevabilite.form";
    static final String FORM_ANALYSE = "forms/cvl-numerique/cvl-numerique-analyse.form";
    static final String FORM_AVIS_URPS = "forms/cvl-numerique/cvl-numerique-avis-urps.form";
    static final String FORM_ACCOMPAGNEMENT = "forms/cvl-numerique/cvl-numerique-accompagnement.form";

    static final class Elements {
        static final String CANDIDATURE_DEPOSEE = "Event_CandidatureDeposee";
        static final String ENVOYER_ACCUSE_RECEPTION = "Activity_EnvoyerAccuseReception";
        static final String APPLIQUER_REGLES_ELIGIBILITE = "Activity_AppliquerReglesEligibilite";
        static final String VERIFIER_RECEVABILITE = "Activity_VerifierRecevabilite";
        static final String DOSSIER_RECEVABLE = "Gateway_DossierRecevable";
        static final String DEMANDER_COMPLEMENTS = "Activity_DemanderComplements";
        static final String ENVOYER_DEMANDE_COMPLEMENTS = "Activity_EnvoyerDemandeComplements";
        static final String ATTENTE_COMPLEMENTS = "Gateway_AttenteComplements";
        static final String COMPLEMENTS_RECUS = "Event_ComplementsRecus";
        static final String DELAI_COMPLEMENTS_ECOULE = "Event_DelaiComplementsEcoule";
        static final String DECLARER_IRRECEVABLE = "Activity_DeclarerIrrecevable";
        static final String NOTIFIER_IRRECEVABILITE = "Activity_NotifierIrrecevabilite";
        static final String DOSSIER_IRRECEVABLE = "Event_DossierIrrecevable";
        static final String NOTIFIER_RECEVABILITE = "Activity_NotifierRecevabilite";
        static final String ANALYSER_PROJET = "Activity_AnalyserProjet";
        static final String AVIS_URPS_SOLLICITE = "Gateway_AvisUrpsSollicite";
        static final String RECUEILLIR_AVIS_URPS = "Activity_RecueillirAvisUrps";
        static final String DELAI_AVIS_URPS_ECOULE = "Event_DelaiAvisUrpsEcoule";
        static final String AVIS_URPS_RECUEILLI = "Gateway_AvisUrpsRecueilli";
        static final String ENREGISTRER_ANALYSE = "Activity_EnregistrerAnalyse";
        static final String DECISION_COMITE_RECUE = "Event_DecisionComiteRecue";
        static final String PROJET_RETENU = "Gateway_ProjetRetenu";
        static final String CALCULER_SUBVENTION = "Activity_CalculerSubvention";
        static final String ENREGISTRER_SUBVENTION = "Activity_EnregistrerSubvention";
        static final String NOTIFIER_SELECTION = "Activity_NotifierSelection";
        static final String OUVRIR_SUBVENTION = "Activity_OuvrirSubvention";
        static final String ATTENDRE_JUSTIFICATIFS = "Activity_AttendreJustificatifs";
        static final String CALCULER_PAIEMENT = "Activity_CalculerPaiement";
        static final String VERSER_PAIEMENT = "Activity_VerserPaiement";
        static final String SOLDER_PROJET = "Activity_SolderProjet";
        static final String PROJET_SOLDE = "Event_ProjetSolde";
        static final String NOTIFIER_NON_SELECTION = "Activity_NotifierNonSelection";
        static final String DECIDER_ACCOMPAGNEMENT = "Activity_DeciderAccompagnement";
        static final String CALCULER_AIDE_ACCOMPAGNEMENT = "Activity_CalculerAideAccompagnement";
        static final String ENREGISTRER_AIDE_ACCOMPAGNEMENT = "Activity_EnregistrerAideAccompagnement";
        static final String ACCOMPAGNEMENT_PROPOSE = "Gateway_AccompagnementPropose";
        static final String MARQUER_ACCOMPAGNEMENT_PROPOSE = "Activity_MarquerAccompagnementPropose";
        static final String NOTIFIER_ACCOMPAGNEMENT = "Activity_NotifierAccompagnement";
        static final String ACCOMPAGNEMENT_NOTIFIE = "Event_AccompagnementNotifie";
        static final String DOSSIER_NON_RETENU = "Event_DossierNonRetenu";

        private Elements() {
        }
    }

    static final class Messages {
        static final String COMPLEMENTS_RECEIVED = "complements-received";
        static final String COMMITTEE_DECISION = "committee-decision";

        private Messages() {
        }
    }

    /** Beans named in {@code camunda:delegateExpression}: the platform's, none of this call's own. */
    static final class Delegates {
        static final String SEND_MAIL = "sendMail";
        static final String LOAD_DOSSIER_FACTS = "loadDossierFacts";
        static final String RECORD_ADMISSIBILITY_REVIEW = "recordAdmissibilityReview";
        static final String REQUEST_COMPLEMENTS = "requestComplements";
        static final String SET_DOSSIER_STATUS = "setDossierStatus";
        static final String PREPARE_TASK_VIEW = "prepareTaskView";
        static final String CHECK_INSTRUCTION = "checkInstruction";
        static final String RECORD_FORM_FACTS = "recordFormFacts";
        static final String RECORD_OPINION = "recordOpinion";
        static final String RECORD_INSTRUCTION = "recordInstruction";
        /** P1: stores the named process variables as the dossier's facts (and grantAmount as its grant). */
        static final String RECORD_FACTS = "recordFacts";
        static final String OPEN_FUNDING = "openFunding";
        static final String LOAD_FUNDING = "loadFunding";
        static final String SCHEDULE_TRANCHE = "scheduleTranche";
        static final String RELEASE_TRANCHE = "releaseTranche";
        static final String RECORD_PAYMENT = "recordPayment";

        private Delegates() {
        }
    }

    /** Values of the {@code template} input of the mail tasks (templates/mail/cvl-numerique/). */
    static final class MailTemplates {
        static final String ACCUSE_RECEPTION = "accuse-reception";
        static final String DEMANDE_COMPLEMENTS = "demande-complements";
        static final String RECEVABILITE = "recevabilite";
        static final String DECISION = "decision";
        static final String ACCOMPAGNEMENT_SPECIFIQUE = "accompagnement-specifique";

        private MailTemplates() {
        }
    }

    static final class Recevabilite {
        static final String RECEVABLE = "RECEVABLE";
        static final String COMPLEMENTS = "COMPLEMENTS";
        static final String IRRECEVABLE = "IRRECEVABLE";

        private Recevabilite() {
        }
    }

    /** The dossier's facts the model's decisions read (registration form, descriptor's facts). */
    static final class Facts {
        static final String CPTS_COUNT = "cptsCount";
        static final String PILOT_STRUCTURE_DESIGNATED = "pilotStructureDesignated";
        static final String SUBMITTED_BEFORE_DEADLINE = "submittedBeforeDeadline";
        static final String REQUESTED_AMOUNT = "requestedAmount";
        static final String ELIGIBLE_COST = "eligibleCost";
        static final String INTERVENTION_RATE = "interventionRate";
        static final String SUPPORT_OFFERED = "supportOffered";
        static final String ENGINEERING_SERVICE_COST = "engineeringServiceCost";
        static final String SUPPORT_COMMENT = "supportComment";
        static final String URPS_OPINION = "urpsOpinion";

        private Facts() {
        }
    }

    static final class Variables {
        static final String DOSSIER_NUMBER = "dossierNumber";
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String COMPLEMENTS_DELAY = "complementsDelay";
        static final String CONVENTION_REMINDER_DELAY = "conventionReminderDelay";
        /** Campaign variables of this call, copied to each dossier: who gives the professional structures' opinion, and within what delay. */
        static final String URPS_GROUP = "urpsGroup";
        static final String URPS_OPINION_DELAY = "urpsOpinionDelay";
        static final String TEMPLATE = "template";
        static final String STATUS = "status";
        static final String REASON = "reason";
        static final String ADMISSIBILITY_REASONS = "admissibilityReasons";
        static final String RECEVABILITE_DECISION = "recevabiliteDecision";
        static final String RECEVABILITE_COMMENT = "recevabiliteComment";
        static final String COMPLEMENTS_REQUEST = "complementsRequest";
        static final String INSTRUCTION_COMMENT = "instructionComment";
        static final String URPS_OPINION_REQUESTED = "urpsOpinionRequested";
        /** Input of the URPS task: whose opinion it is (recordOpinion reads it from the model). */
        static final String OPINION_OF = "opinionOf";
        static final String OPINION = "opinion";
        static final String OPINION_TEXT = "opinionText";
        /** Input of recordFormFacts and recordFacts: the variables to store as facts. */
        static final String FACTS = "facts";
        static final String SELECTED = "selected";
        static final String COMMITTEE_REASON = "committeeReason";
        static final String GRANT_AMOUNT = "grantAmount";
        static final String RATE_WITHIN_INDICATIVE_RANGE = "rateWithinIndicativeRange";

        private Variables() {
        }
    }

    /** The thirteen marks of the analysis form, in the call's order of its criteria. */
    static final String[] MARKS = {"scoreConformiteStrategies", "scoreArticulationPartenaires",
            "scoreArticulationTerritoire", "scoreLisibiliteObjectifs", "scoreAccesAuxSoins", "scoreDimensionCollective",
            "scoreCompositionCollectif", "scorePhasage", "scoreIndicateurs", "scoreDimensionInnovante",
            "scoreReproductibilite", "scoreVolumeUsages", "scorePlanFinancement"};

    private CvlNumeriqueDossier() {
    }
}
