package fr.instruire.models.idfparcours;

/**
 * The technically relevant names of {@code bpmn/idf-parcours/idf-parcours-dossier.bpmn}: element ids, messages and
 * variables that the tests, the delegates and the applicants' API rely on. Renaming one of them in the model breaks
 * running instances and history: change it here and in the model together, deliberately.
 */
final class IdfParcoursDossier {

    static final String PROCESS_ID = "idf-parcours-dossier";
    static final String BPMN = "bpmn/idf-parcours/idf-parcours-dossier.bpmn";
    static final String ELIGIBILITY_DMN = "dmn/idf-parcours/idf-parcours-eligibility.dmn";
    static final String FUNDING_DMN = "dmn/idf-parcours/idf-parcours-funding.dmn";
    static final String FORM_EXAMEN_LETTRE = "forms/idf-parcours/idf-parcours-examen-lettre.form";
    static final String FORM_PREPARATION_SNACS = "forms/idf-parcours/idf-parcours-preparation-snacs.form";
    static final String FORM_TRANSMISSION_DGOS = "forms/idf-parcours/idf-parcours-transmission-dgos.form";
    static final String FORM_DECISION_DGOS = "forms/idf-parcours/idf-parcours-decision-dgos.form";
    static final String FORM_LANCEMENT = "forms/idf-parcours/idf-parcours-lancement.form";
    static final String FORM_DEPLOIEMENT = "forms/idf-parcours/idf-parcours-deploiement.form";
    static final String FORM_INDICATEURS = "forms/idf-parcours/idf-parcours-indicateurs.form";
    static final String USAGE_PAYMENT_DMN = "dmn/idf-parcours/idf-parcours-usage-payment.dmn";
    static final String PAYMENT_TRANCHE_BPMN = "bpmn/common/payment-tranche.bpmn";
    static final String FORM_LIBERATION = "forms/common/payment-liberation.form";
    static final String FORM_MISE_EN_PAIEMENT = "forms/common/payment-mise-en-paiement.form";

    static final class Elements {
        static final String LETTRE_INTENTION_DEPOSEE = "Event_LettreIntentionDeposee";
        static final String ACCUSER_RECEPTION_LETTRE = "Activity_AccuserReceptionLettre";
        static final String TRANSMETTRE_LETTRE_STRATEGIE = "Activity_TransmettreLettreStrategie";
        static final String COPIER_LETTRE_DIRECTION_DEPARTEMENTALE = "Activity_CopierLettreDirectionDepartementale";
        static final String EXAMINER_LETTRE_INTENTION = "Activity_ExaminerLettreIntention";
        static final String SUITE_LETTRE = "Gateway_SuiteLettre";
        static final String ENREGISTRER_DEMANDE_COMPLEMENTS = "Activity_EnregistrerDemandeComplements";
        static final String ENVOYER_DEMANDE_COMPLEMENTS = "Activity_EnvoyerDemandeComplements";
        static final String ATTENTE_COMPLEMENTS = "Gateway_AttenteComplements";
        static final String COMPLEMENTS_RECUS = "Event_ComplementsRecus";
        static final String DELAI_COMPLEMENTS_ECOULE = "Event_DelaiComplementsEcoule";
        static final String CLASSER_LETTRE_SANS_COMPLEMENTS = "Activity_ClasserLettreSansComplements";
        static final String NOTIFIER_CLASSEMENT_LETTRE = "Activity_NotifierClassementLettre";
        static final String LETTRE_CLASSEE = "Event_LettreClassee";
        static final String NOTIFIER_LETTRE_NON_RETENUE = "Activity_NotifierLettreNonRetenue";
        static final String LETTRE_NON_RETENUE = "Event_LettreNonRetenue";
        static final String NOTIFIER_ACCEPTATION_LETTRE = "Activity_NotifierAcceptationLettre";
        static final String PREPARER_DOSSIER_SNACS = "Activity_PreparerDossierSnacs";
        static final String DOSSIER_SNACS_DEPOSE = "Event_DossierSnacsDepose";
        static final String APPLIQUER_CRITERES_ELIGIBILITE = "Activity_AppliquerCriteresEligibilite";
        static final String CALCULER_FINANCEMENT = "Activity_CalculerFinancement";
        static final String ENREGISTRER_FINANCEMENT = "Activity_EnregistrerFinancement";
        static final String FINALISER_DOSSIER_SNACS = "Activity_FinaliserDossierSnacs";
        static final String DOSSIER_SNACS_PRET_GATEWAY = "Gateway_DossierSnacsPret";
        static final String DEMANDER_REPRISE_SNACS = "Activity_DemanderRepriseSnacs";
        static final String DOSSIER_SNACS_PRET = "Event_DossierSnacsPret";
        static final String ECHEANCE_DGOS_ATTEINTE = "Event_EcheanceDgosAtteinte";
        static final String CLASSER_SANS_TRANSMISSION = "Activity_ClasserSansTransmission";
        static final String NOTIFIER_CLASSEMENT = "Activity_NotifierClassement";
        static final String DOSSIER_NON_TRANSMIS = "Event_DossierNonTransmis";
        static final String TRANSMETTRE_DOSSIER_DGOS = "Activity_TransmettreDossierDgos";
        static final String ENREGISTRER_TRANSMISSION = "Activity_EnregistrerTransmission";
        static final String INFORMER_PORTEUR_TRANSMISSION = "Activity_InformerPorteurTransmission";
        static final String ENREGISTRER_DECISION_DGOS = "Activity_EnregistrerDecisionDgos";
        static final String ENREGISTRER_REFUS_DGOS = "Activity_EnregistrerRefusDgos";
        static final String NOTIFIER_REFUS_DGOS = "Activity_NotifierRefusDgos";
        static final String DOSSIER_NON_RETENU = "Event_DossierNonRetenu";
        static final String ENREGISTRER_ACCORD_DGOS = "Activity_EnregistrerAccordDgos";
        static final String NOTIFIER_ACCORD_DGOS = "Activity_NotifierAccordDgos";
        static final String LANCER_PROJET = "Activity_LancerProjet";
        static final String ENREGISTRER_LANCEMENT = "Activity_EnregistrerLancement";
        static final String SUIVI_PROJET = "Gateway_SuiviProjet";
        static final String DEPLOYER_SERVICES = "Activity_DeployerServices";
        static final String DELAI_USAGES_ECOULE = "Event_DelaiUsagesEcoule";
        static final String RAPPELER_VERIFICATION_USAGES = "Activity_RappelerVerificationUsages";
        static final String VERIFIER_INDICATEURS_USAGE = "Activity_VerifierIndicateursUsage";
        static final String ENREGISTRER_USAGES_ATTEINTS = "Activity_EnregistrerUsagesAtteints";
        static final String ENREGISTRER_USAGES_NON_ATTEINTS = "Activity_EnregistrerUsagesNonAtteints";
        static final String NOTIFIER_RESULTAT_USAGES = "Activity_NotifierResultatUsages";
        static final String USAGES_EVALUES = "Event_UsagesEvalues";
        static final String OUVRIR_SUBVENTION = "Activity_OuvrirSubvention";
        static final String VERSER_TRANCHE_DEMARRAGE = "Activity_VerserTrancheDemarrage";
        static final String CALCULER_PAIEMENT_USAGE = "Activity_CalculerPaiementUsage";
        static final String ENREGISTRER_PAIEMENT_USAGE = "Activity_EnregistrerPaiementUsage";
        static final String VERSER_TRANCHE_USAGE = "Activity_VerserTrancheUsage";

        private Elements() {
        }
    }

    static final class Messages {
        static final String COMPLEMENTS_RECEIVED = "complements-received";
        /** The descriptor's {@code filings.snacs.message}: the applicant filed the SNACs dossier. */
        static final String SNACS_FILED = "snacs-depose";

        private Messages() {
        }
    }

    /** Beans named in {@code camunda:delegateExpression}. */
    static final class Delegates {
        static final String SEND_MAIL = "sendMail";
        static final String SET_DOSSIER_STATUS = "setDossierStatus";
        static final String LOAD_DOSSIER_FACTS = "loadDossierFacts";
        static final String PREPARE_TASK_VIEW = "prepareTaskView";
        static final String RECORD_ADMISSIBILITY_REVIEW = "recordAdmissibilityReview";
        static final String REQUEST_COMPLEMENTS = "requestComplements";
        static final String RECORD_FORM_FACTS = "recordFormFacts";
        /** The platform's capability P1: a decision's outputs kept as the dossier's facts. */
        static final String RECORD_FACTS = "recordFacts";
        static final String OPEN_FUNDING = "openFunding";
        static final String SCHEDULE_TRANCHE = "scheduleTranche";
        static final String RELEASE_TRANCHE = "releaseTranche";
        static final String RECORD_PAYMENT = "recordPayment";

        private Delegates() {
        }
    }

    /** Values of the {@code template} input of the mail tasks (templates/mail/idf-parcours/). */
    static final class MailTemplates {
        static final String ACCUSE_RECEPTION = "accuse-reception";
        static final String LETTRE_INTENTION = "lettre-intention";
        static final String LETTRE_INTENTION_COPIE = "lettre-intention-copie";
        static final String DEMANDE_COMPLEMENTS = "demande-complements";
        static final String CLASSEMENT_LETTRE = "classement-lettre";
        static final String RECEVABILITE = "recevabilite";
        static final String REPRISE_SNACS = "reprise-snacs";
        static final String CLASSEMENT = "classement";
        static final String TRANSMISSION_DGOS = "transmission-dgos";
        static final String DECISION_DGOS = "decision-dgos";
        static final String VERIFICATION_USAGES = "verification-usages";
        static final String RESULTAT_USAGES = "resultat-usages";

        private MailTemplates() {
        }
    }

    static final class Variables {
        static final String DOSSIER_NUMBER = "dossierNumber";
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String COMPLEMENTS_DELAY = "complementsDelay";
        static final String CHANNEL = "channel";
        static final String RECEIVED_LATE = "receivedLate";
        /** The call's campaign variables, given to each dossier. */
        static final String STRATEGY_GROUP = "strategyGroup";
        static final String DEPARTMENT_GROUP = "departmentGroup";
        static final String SESAN_GROUP = "sesanGroup";
        static final String DGOS_DEADLINE = "dgosDeadline";
        static final String USAGE_INDICATORS_DELAY = "usageIndicatorsDelay";
        /** The letter's review (recordAdmissibilityReview's form). */
        static final String RECEVABILITE_DECISION = "recevabiliteDecision";
        static final String RECEVABILITE_COMMENT = "recevabiliteComment";
        static final String COMPLEMENTS_REQUEST = "complementsRequest";
        /** The decisions' results. */
        static final String ELIGIBILITY_REASONS = "eligibilityReasons";
        static final String GRANT_AMOUNT = "grantAmount";
        static final String USAGE_LINKED_AMOUNT = "usageLinkedAmount";
        /** The reviewers' forms. */
        static final String SNACS_DECISION = "snacsDecision";
        static final String SNACS_REQUEST = "snacsRequest";
        static final String DGOS_SENT_ON = "dgosSentOn";
        static final String DGOS_DECISION = "dgosDecision";
        static final String DGOS_DECISION_ON = "dgosDecisionOn";
        static final String DGOS_DECISION_REASON = "dgosDecisionReason";
        static final String PROJECT_STARTED_ON = "projectStartedOn";
        static final String COMITE_PROJET = "comiteProjet";
        static final String SERVICES_DEPLOYES = "servicesDeployes";
        static final String SERVICES_DEPLOYED_ON = "servicesDeployedOn";
        static final String USAGE_INDICATORS_MET = "usageIndicatorsMet";
        static final String USAGE_INDICATORS_COMMENT = "usageIndicatorsComment";
        /** Input parameters of the service tasks and of the tasks that record facts. */
        static final String TEMPLATE = "template";
        static final String TO = "to";
        static final String STATUS = "status";
        static final String REASON = "reason";
        static final String FACTS = "facts";

        private Variables() {
        }
    }

    /** {@code recevabiliteDecision} values: the letter's review. */
    static final class Recevabilite {
        static final String RECEVABLE = "RECEVABLE";
        static final String COMPLEMENTS = "COMPLEMENTS";
        static final String IRRECEVABLE = "IRRECEVABLE";

        private Recevabilite() {
        }
    }

    /** {@code snacsDecision} values. */
    static final class SnacsDecision {
        static final String TRANSMETTRE = "TRANSMETTRE";
        static final String A_REPRENDRE = "A_REPRENDRE";

        private SnacsDecision() {
        }
    }

    /** The SNACs filing's facts the eligibility decision reads, and the funding's input. */
    static final class Facts {
        static final String POPULATION = "population";
        static final String INCLUDES_LIBERAL_PROFESSIONALS = "includesLiberalProfessionals";
        static final String INCLUDES_HEALTH_ESTABLISHMENTS = "includesHealthEstablishments";
        static final String INCLUDES_MEDICO_SOCIAL_ESTABLISHMENTS = "includesMedicoSocialEstablishments";
        static final String GOVERNANCE_DESCRIBED = "governanceDescribed";
        static final String TERRITORIAL_SUPPORT_SCHEME = "territorialSupportScheme";
        static final String PLATFORM_SERVICES_COMMITTED = "platformServicesCommitted";

        private Facts() {
        }
    }

    /** Statuses the model sets (calls/idf-parcours.yaml declares them). */
    static final class Statuses {
        static final String INADMISSIBLE = "INADMISSIBLE";
        static final String SNACS_NOT_SENT = "SNACS_NOT_SENT";
        static final String INSTRUCTED = "INSTRUCTED";
        static final String SELECTED = "SELECTED";
        static final String NOT_SELECTED = "NOT_SELECTED";
        static final String PROJECT_LAUNCHED = "PROJECT_LAUNCHED";
        static final String USAGE_TARGETS_MET = "USAGE_TARGETS_MET";
        static final String USAGE_TARGETS_MISSED = "USAGE_TARGETS_MISSED";

        private Statuses() {
        }
    }

    private IdfParcoursDossier() {
    }
}
