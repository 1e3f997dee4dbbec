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
    static final String USAGE_TRANCHE_DMN = "dmn/esms-numerique/esms-numerique-usage-tranche.dmn";
    static final String FORM_CRITERES_UTILISATION = "forms/esms-numerique/esms-numerique-criteres-utilisation.form";
    static final String FORM_RETARD_RELEVES = "forms/esms-numerique/esms-numerique-retard-releves.form";
    /** The common tranche process the dossier calls at each payment, and its forms. */
    static final String PAYMENT_TRANCHE_BPMN = "bpmn/common/payment-tranche.bpmn";
    static final String FORM_LIBERATION = "forms/common/payment-liberation.form";
    static final String FORM_MISE_EN_PAIEMENT = "forms/common/payment-mise-en-paiement.form";

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
        static final String REPRENDRE_SANS_COMPLEMENTS = "Activity_ReprendreSansComplements";
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
        static final String OUVRIR_SUBVENTION = "Activity_OuvrirSubvention";
        static final String CHARGER_PARTS_REGIONALES = "Activity_ChargerPartsRegionales";
        static final String VERSER_TRANCHE_SIGNATURE = "Activity_VerserTrancheSignature";
        static final String FIN_PARAMETRAGE_DECLAREE = "Event_FinParametrageDeclaree";
        static final String ENREGISTRER_FIN_PARAMETRAGE = "Activity_EnregistrerFinParametrage";
        static final String VERSER_TRANCHE_PARAMETRAGE = "Activity_VerserTrancheParametrage";
        static final String ATTENDRE_FIN_DEPLOIEMENT = "Activity_AttendreFinDeploiement";
        static final String CONTROLE_MENSUEL_RELEVES = "Event_ControleMensuelReleves";
        static final String RELANCER_RELEVES = "Activity_RelancerReleves";
        static final String RELEVE_A_JOUR = "Event_ReleveAJour";
        static final String PORTEUR_RELANCE = "Event_PorteurRelance";
        static final String EXAMINER_RETARD_RELEVES = "Activity_ExaminerRetardReleves";
        static final String ENREGISTRER_FIN_DEPLOIEMENT = "Activity_EnregistrerFinDeploiement";
        static final String VERIFIER_CRITERES_UTILISATION = "Activity_VerifierCriteresUtilisation";
        static final String ARRETER_RESULTATS_USAGE = "Activity_ArreterResultatsUsage";
        static final String CALCULER_TRANCHE_USAGE = "Activity_CalculerTrancheUsage";
        static final String VERSER_TRANCHE_USAGE = "Activity_VerserTrancheUsage";
        static final String SOLDER_PROJET = "Activity_SolderProjet";
        static final String PROJET_SOLDE = "Event_ProjetSolde";
        static final String CLASSER_NON_PRESENTE = "Activity_ClasserNonPresente";
        static final String NOTIFIER_SELECTION_CLOSE = "Activity_NotifierSelectionClose";
        static final String DOSSIER_CLASSE_NON_RETENU = "Event_DossierClasseNonRetenu";
        /** In {@code payment-tranche}. */
        static final String LIBERER_TRANCHE = "Activity_LibererTranche";
        static final String METTRE_EN_PAIEMENT = "Activity_MettreEnPaiement";
        static final String NOTIFIER_VERSEMENT = "Activity_NotifierVersement";
        static final String DOSSIER_NON_RETENU = "Event_DossierNonRetenu";

        private Elements() {
        }
    }

    static final class Messages {
        static final String COMPLEMENTS_RECEIVED = "complements-received";
        static final String COMMITTEE_DECISION = "committee-decision";
        static final String FIN_PARAMETRAGE = "fin-parametrage-declaree";
        static final String FIN_DEPLOIEMENT = "fin-deploiement-declaree";
        static final String SELECTION_CLOSED = "selection-closed";

        private Messages() {
        }
    }

    /** Beans named in {@code camunda:delegateExpression}. */
    static final class Delegates {
        static final String SEND_MAIL = "sendMail";
        static final String LOAD_DOSSIER_FACTS = "loadDossierFacts";
        static final String RECORD_ADMISSIBILITY_REVIEW = "recordAdmissibilityReview";
        static final String REQUEST_COMPLEMENTS = "requestComplements";
        static final String EXPIRE_COMPLEMENTS = "expireComplements";
        static final String SET_DOSSIER_STATUS = "setDossierStatus";
        static final String RECORD_INSTRUCTION = "recordInstruction";
        static final String CHECK_INSTRUCTION = "checkInstruction";
        /** Create listener of the reviewers' tasks: the dossier's view, in task-local variables. */
        static final String PREPARE_TASK_VIEW = "prepareTaskView";
        static final String OPEN_FUNDING = "openFunding";
        static final String LOAD_FUNDING_SHARES = "loadFundingShares";
        static final String SCHEDULE_TRANCHE = "scheduleTranche";
        static final String RELEASE_TRANCHE = "releaseTranche";
        static final String RECORD_PAYMENT = "recordPayment";
        static final String CHECK_USAGE_REPORTS = "checkUsageReports";
        static final String COMPUTE_USAGE_RATIOS = "computeUsageRatios";
        static final String RECORD_FACTS = "recordFacts";
        static final String RECORD_FORM_FACTS = "recordFormFacts";
        static final String REQUIRE_REASON = "requireReason";

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
        static final String RELANCE_INDICATEURS = "relance-indicateurs";
        static final String SELECTION_CLOSE = "selection-close";
        static final String VERSEMENT_TRANCHE = "versement-tranche";

        private MailTemplates() {
        }
    }

    static final class Variables {
        static final String DOSSIER_NUMBER = "dossierNumber";
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String COMPLEMENTS_DELAY = "complementsDelay";
        static final String CONVENTION_REMINDER_DELAY = "conventionReminderDelay";
        static final String FINANCE_GROUP = "financeGroup";
        static final String USAGE_REPORT_CYCLE = "usageReportCycle";
        static final String TRANCHE = "tranche";
        static final String TRANCHE_PERCENT = "tranchePercent";
        static final String TRANCHE_AMOUNT = "trancheAmount";
        static final String TRANCHE_EVIDENCE = "trancheEvidence";
        static final String PAYMENT_REFERENCE = "paymentReference";
        static final String USAGE_REPORT_MISSING = "usageReportMissing";
        static final String USAGE_REPORTS_OVERDUE = "usageReportsOverdue";
        static final String USAGE_WAIVED_4 = "usageWaived4";
        static final String USAGE_WAIVED_5 = "usageWaived5";
        static final String USAGE_WAIVER_REASON = "usageWaiverReason";
        static final String USAGE_TRANCHE_AMOUNT = "usageTrancheAmount";
        static final String PARAMETRISATION_INVOICE = "parametrisationInvoice";
        static final String DEPLOYMENT_INVOICE = "deploymentInvoice";
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
