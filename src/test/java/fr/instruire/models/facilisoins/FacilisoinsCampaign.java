package fr.instruire.models.facilisoins;

/**
 * The technically relevant names of {@code bpmn/facilisoins/facilisoins-campaign.bpmn}: element ids, variables and
 * delegate beans that the tests and the delegates (see docs/facilisoins-contract.md) rely on.
 */
final class FacilisoinsCampaign {

    static final String PROCESS_ID = "facilisoins-campaign";
    static final String BPMN = "bpmn/facilisoins/facilisoins-campaign.bpmn";
    static final String FORM_PROPOSITION_SELECTION = "forms/facilisoins/facilisoins-proposition-selection.form";
    static final String FORM_AVIS_CTIS = "forms/facilisoins/facilisoins-avis-ctis.form";
    static final String FORM_ARRETE = "forms/facilisoins/facilisoins-arrete.form";

    static final class Elements {
        static final String CAMPAGNE_CREEE = "Event_CampagneCreee";
        static final String DEPOT_OUVERT = "Event_DepotOuvert";
        static final String DEPOT_CLOS = "Event_DepotClos";
        static final String SELECTION_OUVERTE = "Event_SelectionOuverte";
        static final String PROPOSER_SELECTION = "Activity_ProposerSelection";
        static final String RECUEILLIR_AVIS_CTIS = "Activity_RecueillirAvisCtis";
        static final String VERIFIER_DECISIONS = "Activity_VerifierDecisions";
        /** Sub-process, multi-instance over {@code decidedDossierGroups}: one job for the whole (its body's), one per group that ends. */
        static final String TRANSMETTRE_DECISIONS = "Activity_TransmettreDecisions";
        static final String TRANSMETTRE_DECISIONS_BODY = TRANSMETTRE_DECISIONS + "#multiInstanceBody";
        /** Within a group, multi-instance over its {@code dossierGroup}: one job per dossier (this id). */
        static final String TRANSMETTRE_DECISION = "Activity_TransmettreDecision";
        static final String PRENDRE_ARRETE = "Activity_PrendreArrete";
        static final String PRODUIRE_ANNEXE_ARRETE = "Activity_ProduireAnnexeArrete";
        static final String LANCER_EXPERIMENTATIONS = "Activity_LancerExperimentations";
        static final String CAMPAGNE_CLOSE = "Event_CampagneClose";

        private Elements() {
        }
    }

    static final class Delegates {
        static final String PREPARE_SELECTION_AGENDA = "prepareSelectionAgenda";
        static final String CLOSE_PENDING_DOSSIERS = "closePendingDossiers";
        static final String CHECK_SELECTION_PROPOSAL = "checkSelectionProposal";
        static final String RECORD_CTIS_OPINIONS = "recordCtisOpinions";
        static final String CHECK_COMMITTEE_DECISIONS = "checkCommitteeDecisions";
        static final String NOTIFY_COMMITTEE_DECISION = "notifyCommitteeDecision";
        static final String RECORD_ARRETE = "recordArrete";
        static final String PRODUCE_ARRETE_ANNEX = "produceArreteAnnex";
        static final String SEND_MESSAGE_TO_SELECTED = "sendMessageToSelected";

        private Delegates() {
        }
    }

    static final class Variables {
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String SUBMISSION_OPENS_AT = "submissionOpensAt";
        static final String SUBMISSION_CLOSES_AT = "submissionClosesAt";
        static final String SELECTION_OPENS_AT = "selectionOpensAt";
        static final String CTIS_OPENS_AT = "ctisOpensAt";
        static final String RESULTS_BY = "resultsBy";
        static final String NATIONAL_TEAM_GROUP = "nationalTeamGroup";
        static final String DGCS_GROUP = "dgcsGroup";
        static final String CTIS_GROUP = "ctisGroup";
        /** The proposal form's lists, computed when it is read (the task marked by prepareSelectionAgenda), never stored. */
        static final String SELECTION_LIST = "selectionList";
        static final String SELECTION_BALANCE = "selectionBalance";
        static final String SELECTION_PLACES = "selectionPlaces";
        /** The national team's proposal, one row per instructed dossier; the CTIS adds its opinion to each row. */
        static final String SELECTION_PROPOSAL = "selectionProposal";
        /** Written by recordCtisOpinions, read by checkCommitteeDecisions and notifyCommitteeDecision (as for ESMS numérique). */
        static final String COMMITTEE_DECISIONS = "committeeDecisions";
        static final String ARRETE_DATE = "arreteDate";
        static final String ARRETE_REFERENCE = "arreteReference";
        /** Written by checkCommitteeDecisions: the numbers of the dossiers decided on., by groups of 100 (lists of lists). */
        static final String DECIDED_DOSSIER_GROUPS = "decidedDossierGroups";
        /** The element variable of {@link Elements#TRANSMETTRE_DECISION}: the dossier one of its instances reaches. */
        static final String DOSSIER_NUMBER = "dossierNumber";
        static final String DECISION_MESSAGE = "decisionMessage";
        static final String MESSAGE_NAME = "messageName";

        private Variables() {
        }
    }

    private FacilisoinsCampaign() {
    }
}
