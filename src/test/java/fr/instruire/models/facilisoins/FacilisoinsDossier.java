package fr.instruire.models.facilisoins;

/**
 * The technically relevant names of {@code bpmn/facilisoins/facilisoins-dossier.bpmn}: element ids, messages and
 * variables that the tests and the delegates (see docs/facilisoins-contract.md) rely on. Renaming one in the model
 * breaks running instances and history: change it here and in the model together, deliberately.
 */
final class FacilisoinsDossier {

    static final String PROCESS_ID = "facilisoins-dossier";
    static final String PAYMENT_TRANCHE_BPMN = "bpmn/common/payment-tranche.bpmn";
    static final String FORM_LIBERATION = "forms/common/payment-liberation.form";
    static final String FORM_MISE_EN_PAIEMENT = "forms/common/payment-mise-en-paiement.form";
    static final String FORM_VALIDATION_DGCS = "forms/facilisoins/facilisoins-validation-dgcs.form";
    static final String BPMN = "bpmn/facilisoins/facilisoins-dossier.bpmn";
    static final String ADMISSIBILITY_DMN = "dmn/facilisoins/facilisoins-admissibility.dmn";
    static final String FUNDING_DMN = "dmn/facilisoins/facilisoins-funding.dmn";
    static final String SELECTION_DMN = "dmn/facilisoins/facilisoins-selection.dmn";
    static final String FORM_ENREGISTREMENT = "forms/facilisoins/facilisoins-enregistrement.form";
    static final String FORM_RECEVABILITE = "forms/facilisoins/facilisoins-recevabilite.form";
    static final String FORM_AVIS = "forms/facilisoins/facilisoins-avis.form";
    static final String FORM_SELECTION = "forms/facilisoins/facilisoins-selection.form";
    static final String FORM_CONTRACTUALISATION = "forms/facilisoins/facilisoins-contractualisation.form";
    static final String FORM_PLAN_ACTIONS = "forms/facilisoins/facilisoins-plan-actions.form";
    static final String FORM_ECART = "forms/facilisoins/facilisoins-ecart.form";
    static final String FORM_DONNEES_EVALUATION = "forms/facilisoins/facilisoins-donnees-evaluation.form";

    static final class Elements {
        static final String CANDIDATURE_RECUE = "Event_CandidatureRecue";
        static final String ENVOYER_ACCUSE_RECEPTION = "Activity_EnvoyerAccuseReception";
        static final String CANDIDATURE_PAR_COURRIEL = "Gateway_CandidatureParCourriel";
        static final String ENREGISTRER_CANDIDATURE = "Activity_EnregistrerCandidature";
        static final String VERIFIER_RECEVABILITE = "Activity_VerifierRecevabilite";
        static final String EVALUER_RECEVABILITE = "Activity_EvaluerRecevabilite";
        static final String DOSSIER_RECEVABLE = "Gateway_DossierRecevable";
        static final String DEMANDER_COMPLEMENTS = "Activity_DemanderComplements";
        static final String ENVOYER_DEMANDE_COMPLEMENTS = "Activity_EnvoyerDemandeComplements";
        static final String ATTENTE_COMPLEMENTS = "Gateway_AttenteComplements";
        static final String COMPLEMENTS_RECUS = "Event_ComplementsRecus";
        static final String DELAI_COMPLEMENTS_ECOULE = "Event_DelaiComplementsEcoule";
        static final String REPRENDRE_SANS_COMPLEMENTS = "Activity_ReprendreSansComplements";
        static final String DECLARER_IRRECEVABLE = "Activity_DeclarerIrrecevable";
        static final String NOTIFIER_IRRECEVABILITE = "Activity_NotifierIrrecevabilite";
        static final String DOSSIER_IRRECEVABLE = "Event_DossierIrrecevable";
        static final String AVIS_REGIONAUX = "Gateway_AvisRegionaux";
        static final String AVIS_ARS = "Activity_AvisArs";
        static final String VALIDER_RECEVABILITE_DGCS = "Activity_ValiderRecevabiliteDgcs";
        static final String ECHEANCE_AVIS_ARS = "Event_EcheanceAvisArs";
        static final String OUVRIR_SUBVENTION = "Activity_OuvrirSubvention";
        static final String VERSER_CREDITS_AMORCAGE = "Activity_VerserCreditsAmorcage";
        static final String VERSER_SOLDE = "Activity_VerserSolde";
        static final String ECHEANCE_AVIS_CPAM = "Event_EcheanceAvisCpam";
        static final String CONSTATER_AVIS_CPAM_NON_RENDU = "Activity_ConstaterAvisCpamNonRendu";
        static final String RELANCE_AVIS_ARS = "Event_RelanceAvisArs";
        static final String RELANCER_AVIS_ARS = "Activity_RelancerAvisArs";
        static final String AVIS_CPAM = "Activity_AvisCpam";
        static final String RELANCE_AVIS_CPAM = "Event_RelanceAvisCpam";
        static final String RELANCER_AVIS_CPAM = "Activity_RelancerAvisCpam";
        static final String AVIS_RENDUS = "Gateway_AvisRendus";
        static final String NOTER_DOSSIER = "Activity_NoterDossier";
        static final String CALCULER_SCORE = "Activity_CalculerScore";
        static final String CALCULER_FINANCEMENT = "Activity_CalculerFinancement";
        static final String ENREGISTRER_INSTRUCTION = "Activity_EnregistrerInstruction";
        static final String DECISION_RECUE = "Event_DecisionRecue";
        static final String NOTIFIER_DECISION = "Activity_NotifierDecision";
        static final String DOSSIER_RETENU = "Gateway_DossierRetenu";
        static final String DOSSIER_NON_RETENU = "Event_DossierNonRetenu";
        static final String ARRETE_PUBLIE = "Event_ArretePublie";
        static final String LANCER_EXPERIMENTATION = "Activity_LancerExperimentation";
        static final String EXPERIMENTATION = "Activity_Experimentation";
        static final String CONTRACTUALISER = "Activity_Contractualiser";
        static final String PLAN_ACTIONS = "Activity_PlanActions";
        static final String PLAN_ACTIONS_ENREGISTRE = "Event_PlanActionsEnregistre";
        static final String DUREE_EXPERIMENTATION_ECOULEE = "Event_DureeExperimentationEcoulee";
        static final String EXPERIMENTATION_CLOSE = "Event_ExperimentationClose";
        static final String MISE_A_JOUR_ANNUELLE_DUE = "Event_MiseAJourAnnuelleDue";
        static final String METTRE_A_JOUR_PLAN_ACTIONS = "Activity_MettreAJourPlanActions";
        static final String LIVRAISON_DONNEES_DUE = "Event_LivraisonDonneesDue";
        static final String LIVRER_DONNEES_EVALUATION = "Activity_LivrerDonneesEvaluation";
        static final String ECART_SIGNALE = "Event_EcartSignale";
        static final String TRAITER_ECART = "Activity_TraiterEcart";
        static final String TERMINER_EXPERIMENTATION = "Activity_TerminerExperimentation";
        static final String EXPERIMENTATION_TERMINEE = "Event_ExperimentationTerminee";

        private Elements() {
        }
    }

    static final class Messages {
        static final String SELECTION_CLOSED = "selection-closed";
        static final String COMPLEMENTS_RECEIVED = "complements-received";
        static final String COMMITTEE_DECISION = "committee-decision";
        static final String ARRETE_PUBLISHED = "arrete-published";
        static final String ECART_SUBSTANTIEL = "ecart-substantiel";

        private Messages() {
        }
    }

    /** Beans named in {@code camunda:delegateExpression}. */
    static final class Delegates {
        static final String SEND_MAIL = "sendMail";
        static final String EXPIRE_COMPLEMENTS = "expireComplements";
        static final String PREPARE_TASK_VIEW = "prepareTaskView";
        static final String RECORD_FORM_FACTS = "recordFormFacts";
        static final String RECORD_ADMISSIBILITY_REVIEW = "recordAdmissibilityReview";
        static final String REQUEST_COMPLEMENTS = "requestComplements";
        static final String SET_DOSSIER_STATUS = "setDossierStatus";
        static final String ASSIGN_REGIONAL_PARTNERS = "assignRegionalPartners";
        static final String RECORD_OPINION = "recordOpinion";
        static final String RECORD_MISSING_OPINION = "recordMissingOpinion";
        static final String OPEN_FUNDING = "openFunding";
        static final String REQUIRE_REASON = "requireReason";
        static final String REQUIRE_ANOTHER_PERSON = "requireAnotherPerson";
        static final String SCHEDULE_TRANCHE = "scheduleTranche";
        static final String RELEASE_TRANCHE = "releaseTranche";
        static final String RECORD_PAYMENT = "recordPayment";
        static final String LOAD_DOSSIER_FACTS = "loadDossierFacts";
        static final String RECORD_INSTRUCTION = "recordInstruction";

        private Delegates() {
        }
    }

    static final class MailTemplates {
        static final String ACCUSE_RECEPTION = "accuse-reception";
        static final String DEMANDE_COMPLEMENTS = "demande-complements";
        static final String RECEVABILITE = "recevabilite";
        static final String RELANCE_AVIS = "relance-avis";
        static final String DECISION = "decision";

        private MailTemplates() {
        }
    }

    static final class Variables {
        static final String DOSSIER_NUMBER = "dossierNumber";
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String NATIONAL_TEAM_GROUP = "nationalTeamGroup";
        static final String DGCS_GROUP = "dgcsGroup";
        static final String CHANNEL = "channel";
        static final String RECEIVED_LATE = "receivedLate";
        static final String COMPLEMENTS_DELAY = "complementsDelay";
        static final String OPINION_DELAY = "opinionDelay";
        static final String OPINION_REMINDER = "opinionReminder";
        static final String EXPERIMENTATION_DURATION = "experimentationDuration";
        static final String ACTION_PLAN_UPDATE_CYCLE = "actionPlanUpdateCycle";
        static final String DATA_DELIVERY_CYCLE = "dataDeliveryCycle";
        /** Task input of the tasks whose answers become dossier facts: comma-separated variable names. */
        static final String FACTS = "facts";
        static final String ADMISSIBILITY_REASONS = "admissibilityReasons";
        static final String RECEVABILITE_DECISION = "recevabiliteDecision";
        static final String RECEVABILITE_COMMENT = "recevabiliteComment";
        static final String COMPLEMENTS_REQUEST = "complementsRequest";
        static final String ARS_GROUP = "arsGroup";
        static final String CPAM_GROUP = "cpamGroup";
        static final String OPINION_DUE_DATE = "opinionDueDate";
        /** Task inputs and answers of the opinion tasks. */
        static final String OPINION_OF = "opinionOf";
        static final String OPINION = "opinion";
        static final String OPINION_TEXT = "opinionText";
        static final String ARS_OPINION = "arsOpinion";
        static final String CPAM_OPINION = "cpamOpinion";
        static final String SCORE = "score";
        static final String MAX_SCORE = "maxScore";
        static final String GRANT_AMOUNT = "grantAmount";
        static final String SELECTED = "selected";
        static final String COMMITTEE_REASON = "committeeReason";
        static final String ARRETE_DATE = "arreteDate";
        static final String ARRETE_REFERENCE = "arreteReference";
        static final String PLAN_ACTIONS_STEP = "planActionsStep";
        static final String ECART_SUMMARY = "ecartSummary";
        /** Task input of the écart task: its own copy of the report. */
        static final String ECART = "ecart";
        static final String TEMPLATE = "template";
        static final String STATUS = "status";
        static final String REASON = "reason";
        static final String COPY_TO_ARS = "copyToArs";
        static final String TO = "to";

        private Variables() {
        }
    }

    /** The seven criteria of recevabilité, as the form and the admissibility decision name them. */
    static final class Criteria {
        static final String SUBMITTED_BEFORE_DEADLINE = "submittedBeforeDeadline";
        static final String DOSSIER_COMPLETE = "dossierComplete";
        static final String COORDINATOR_IDENTIFIED = "coordinatorIdentified";
        static final String OBJECTIVES_ADEQUATE = "objectivesAdequate";
        static final String TERRITORIAL_DYNAMIC = "territorialDynamic";
        static final String ENGINEERING_COST_ESTIMATED = "engineeringCostEstimated";
        static final String HEALTH_PRODUCT_SHARE_METHODOLOGY = "healthProductShareMethodology";

        private Criteria() {
        }
    }

    /** The marks of the selection grid (inputs of the facilisoins-selection decision), each 0..5. */
    static final class Marks {
        static final String CONSTRUCTION_PROJET = "scoreConstructionProjet";
        static final String COMPREHENSION_ENJEUX = "scoreComprehensionEnjeux";
        static final String COHERENCE_TERRITOIRE = "scoreCoherenceTerritoire";
        static final String CARACTERE_INNOVANT = "scoreCaractereInnovant";
        static final String ACTIONS_BESOINS_SOINS = "scoreActionsBesoinsSoins";
        static final String ENGAGEMENT = "scoreEngagement";
        static final String ESTIMATION_COUTS = "scoreEstimationCouts";
        static final String CAPACITES_ORGANISATIONNELLES = "scoreCapacitesOrganisationnelles";
        static final String PARTENARIATS = "scorePartenariats";
        static final String GOUVERNANCE = "scoreGouvernance";

        private Marks() {
        }
    }

    static final class Recevabilite {
        static final String RECEVABLE = "RECEVABLE";
        static final String COMPLEMENTS = "COMPLEMENTS";
        static final String IRRECEVABLE = "IRRECEVABLE";

        private Recevabilite() {
        }
    }

    /** Dossier facts loaded as transient variables by {@code loadDossierFacts}. */
    static final class Facts {
        static final String REQUESTED_AMOUNT = "requestedAmount";

        private Facts() {
        }
    }

    private FacilisoinsDossier() {
    }
}
