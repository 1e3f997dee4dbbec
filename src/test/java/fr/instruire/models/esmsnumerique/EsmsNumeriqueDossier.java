package fr.instruire.models.esmsnumerique;

/**
 * The technically relevant names of {@code bpmn/esms-numerique/esms-numerique-dossier.bpmn}: element ids, messages
 * and variables that the tests (and the delegates, see docs/process-contract.md) rely on. Renaming one of them in
 * the model breaks running instances and history: change it here and in the model together, deliberately.
 */
final class EsmsNumeriqueDossier {

    static final String PROCESS_ID = "esms-numerique-dossier";
    static final String BPMN = "bpmn/esms-numerique/esms-numerique-dossier.bpmn";
    static final String ADMISSIBILITY_DMN = "dmn/esms-numerique/esms-numerique-admissibility.dmn";
    static final String FUNDING_DMN = "dmn/esms-numerique/esms-numerique-funding.dmn";
    static final String FORM_RECEVABILITE = "forms/esms-numerique/esms-numerique-recevabilite.form";
    static final String FORM_INSTRUCTION = "forms/esms-numerique/esms-numerique-instruction.form";
    static final String FORM_CONVENTION = "forms/esms-numerique/esms-numerique-convention.form";

    static final class Elements {
        static final String CANDIDATURE_DEPOSEE = "Event_CandidatureDeposee";
        static final String ENVOYER_ACCUSE_RECEPTION = "Activity_EnvoyerAccuseReception";
        static final String EVALUER_RECEVABILITE = "Activity_EvaluerRecevabilite";
        static final String VERIFIER_RECEVABILITE = "Activity_VerifierRecevabilite";
        static final String DOSSIER_RECEVABLE = "Gateway_DossierRecevable";
        static final String NOTIFIER_RECEVABILITE = "Activity_NotifierRecevabilite";
        static final String DEMANDER_COMPLEMENTS = "Activity_DemanderComplements";
        static final String ENVOYER_DEMANDE_COMPLEMENTS = "Activity_EnvoyerDemandeComplements";
        static final String ATTENTE_COMPLEMENTS = "Gateway_AttenteComplements";
        static final String COMPLEMENTS_RECUS = "Event_ComplementsRecus";
        static final String DELAI_COMPLEMENTS_ECOULE = "Event_DelaiComplementsEcoule";
        static final String DECLARER_IRRECEVABLE = "Activity_DeclarerIrrecevable";
        static final String NOTIFIER_IRRECEVABILITE = "Activity_NotifierIrrecevabilite";
        static final String DOSSIER_IRRECEVABLE = "Event_DossierIrrecevable";
        static final String INSTRUIRE_DOSSIER = "Activity_InstruireDossier";
        static final String CALCULER_FINANCEMENT = "Activity_CalculerFinancement";
        static final String ENREGISTRER_INSTRUCTION = "Activity_EnregistrerInstruction";
        static final String DECISION_COMITE_RECUE = "Event_DecisionComiteRecue";
        static final String NOTIFIER_DECISION = "Activity_NotifierDecision";
        static final String DOSSIER_RETENU = "Gateway_DossierRetenu";
        static final String SIGNER_CONVENTION = "Activity_SignerConvention";
        static final String RELANCE_CONVENTION = "Event_RelanceConvention";
        static final String RELANCER_CONVENTION = "Activity_RelancerConvention";
        static final String RELANCE_ENVOYEE = "Event_RelanceEnvoyee";
        static final String ENREGISTRER_CONVENTION = "Activity_EnregistrerConvention";
        static final String CONVENTION_SIGNEE = "Event_ConventionSignee";
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

    /** Beans named in {@code camunda:delegateExpression}. */
    static final class Delegates {
        static final String SEND_MAIL = "sendMail";
        static final String LOAD_DOSSIER_FACTS = "loadDossierFacts";
        static final String RECORD_ADMISSIBILITY_REVIEW = "recordAdmissibilityReview";
        static final String REQUEST_COMPLEMENTS = "requestComplements";
        static final String SET_DOSSIER_STATUS = "setDossierStatus";
        static final String RECORD_INSTRUCTION = "recordInstruction";
        static final String CHECK_INSTRUCTION = "checkInstruction";
        /** Create listener of the reviewers' tasks: the dossier's view, in task-local variables. */
        static final String PREPARE_TASK_VIEW = "prepareTaskView";

        private Delegates() {
        }
    }

    /** Values of the {@code template} input of the mail tasks. */
    static final class MailTemplates {
        static final String ACCUSE_RECEPTION = "accuse-reception";
        static final String DEMANDE_COMPLEMENTS = "demande-complements";
        static final String RECEVABILITE = "recevabilite";
        static final String DECISION = "decision";
        static final String RELANCE_CONVENTION = "relance-convention";

        private MailTemplates() {
        }
    }

    static final class Variables {
        static final String DOSSIER_NUMBER = "dossierNumber";
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String COMPLEMENTS_DELAY = "complementsDelay";
        static final String CONVENTION_REMINDER_DELAY = "conventionReminderDelay";
        static final String ADMISSIBILITY_REASONS = "admissibilityReasons";
        static final String RECEVABILITE_DECISION = "recevabiliteDecision";
        static final String RECEVABILITE_COMMENT = "recevabiliteComment";
        static final String COMPLEMENTS_REQUEST = "complementsRequest";
        static final String SCORE_MOTIVATION = "scoreMotivation";
        static final String SCORE_PERIMETRE_FONCTIONNEL = "scorePerimetreFonctionnel";
        static final String SCORE_MUTUALISATION = "scoreMutualisation";
        static final String SCORE_INTEROPERABILITE = "scoreInteroperabilite";
        static final String SCORE_PLATEFORME_REGIONALE = "scorePlateformeRegionale";
        static final String INSTRUCTION_COMMENT = "instructionComment";
        static final String GRANT_AMOUNT = "grantAmount";
        static final String SELECTED = "selected";
        static final String COMMITTEE_REASON = "committeeReason";
        static final String CONVENTION_SIGNED_ON = "conventionSignedOn";
        /** Input of the convention task: the call's payment schedule, a list of {percent, when}. */
        static final String PAYMENT_SCHEDULE = "paymentSchedule";
        /** Input parameters of the service tasks. */
        static final String TEMPLATE = "template";
        static final String STATUS = "status";
        static final String REASON = "reason";

        private Variables() {
        }
    }

    /** {@code recevabiliteDecision} values. */
    static final class Recevabilite {
        static final String RECEVABLE = "RECEVABLE";
        static final String COMPLEMENTS = "COMPLEMENTS";
        static final String IRRECEVABLE = "IRRECEVABLE";

        private Recevabilite() {
        }
    }

    /** Decision facts, set as transient variables by {@code loadDossierFacts} (inputs of the decision tables). */
    static final class Facts {
        static final String PUBLIC_TYPE = "publicType";
        static final String PROJECT_TYPE = "projectType";
        static final String MANAGING_ORGANISATION_SIZE = "managingOrganisationSize";
        static final String MANAGING_ORGANISATION_COUNT = "managingOrganisationCount";
        static final String ESMS_COUNT = "esmsCount";
        static final String MEDICALISED = "medicalised";
        static final String CORE_SERVICES_COUNT = "coreServicesCount";
        static final String HONOUR_STATEMENT_PROVIDED = "honourStatementProvided";
        static final String PURCHASING_FRAMEWORK_COMPLIANT = "purchasingFrameworkCompliant";
        static final String SMALL_ESMS_EQUIPMENT_COUNT = "smallEsmsEquipmentCount";

        private Facts() {
        }
    }

    private EsmsNumeriqueDossier() {
    }
}
