package fr.instruire.models.esmsnumerique;

/**
 * The technically relevant names of {@code bpmn/esms-numerique/esms-numerique-campaign.bpmn}: element ids, variables
 * and delegate beans that the tests (and the delegates, see docs/process-contract.md) rely on.
 */
final class EsmsNumeriqueCampaign {

    static final String PROCESS_ID = "esms-numerique-campaign";
    static final String BPMN = "bpmn/esms-numerique/esms-numerique-campaign.bpmn";
    static final String FORM_SEANCE_COMITE = "forms/esms-numerique/esms-numerique-seance-comite.form";

    static final class Elements {
        static final String CAMPAGNE_CREEE = "Event_CampagneCreee";
        static final String DEPOT_OUVERT = "Event_DepotOuvert";
        static final String PHASES_CAMPAGNE = "Gateway_PhasesCampagne";
        static final String DEPOT_CLOS = "Event_DepotClos";
        static final String SELECTION_OUVERTE = "Event_SelectionOuverte";
        static final String NOUVELLE_SEANCE = "Gateway_NouvelleSeance";
        static final String TENIR_SEANCE_COMITE = "Activity_TenirSeanceComite";
        static final String VERIFIER_DECISIONS = "Activity_VerifierDecisions";
        /** Sub-process, multi-instance over {@code decidedDossierGroups}: one job for the whole (its body's), one per group that ends. */
        static final String TRANSMETTRE_DECISIONS = "Activity_TransmettreDecisions";
        static final String TRANSMETTRE_DECISIONS_BODY = TRANSMETTRE_DECISIONS + "#multiInstanceBody";
        /** Within a group, multi-instance over its {@code dossierGroup}: one job per dossier (this id). */
        static final String TRANSMETTRE_DECISION = "Activity_TransmettreDecision";
        static final String DERNIERE_SEANCE = "Gateway_DerniereSeance";
        static final String FIN_PHASES = "Gateway_FinPhases";
        static final String CAMPAGNE_CLOSE = "Event_CampagneClose";

        private Elements() {
        }
    }

    static final class Delegates {
        static final String PREPARE_COMMITTEE_SITTING = "prepareCommitteeSitting";
        static final String RECORD_COMMITTEE_SITTING = "recordCommitteeSitting";
        static final String CHECK_COMMITTEE_DECISIONS = "checkCommitteeDecisions";
        static final String NOTIFY_COMMITTEE_DECISION = "notifyCommitteeDecision";
        static final String CLOSE_PENDING_DOSSIERS = "closePendingDossiers";

        private Delegates() {
        }
    }

    static final class Variables {
        static final String CAMPAIGN_KEY = "campaignKey";
        static final String CALL_ID = "callId";
        static final String REGION = "region";
        static final String TIME_ZONE = "timeZone";
        static final String SUBMISSION_OPENS_AT = "submissionOpensAt";
        static final String SUBMISSION_CLOSES_AT = "submissionClosesAt";
        static final String SELECTION_OPENS_AT = "selectionOpensAt";
        static final String SELECTION_CLOSES_AT = "selectionClosesAt";
        static final String BUDGET_ENVELOPE = "budgetEnvelope";
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String COMMITTEE_GROUP = "committeeGroup";
        static final String COMMITTEE_LIST = "committeeList";
        static final String COMMITTEE_DECISIONS = "committeeDecisions";
        static final String LAST_SITTING = "lastSitting";
        /** Written by checkCommitteeDecisions: the numbers of the dossiers decided on (AJOURNE left out)., by groups of 100 (lists of lists). */
        static final String DECIDED_DOSSIER_GROUPS = "decidedDossierGroups";
        /** The element variable of {@link Elements#TRANSMETTRE_DECISION}: the dossier one of its instances reaches. */
        static final String DOSSIER_NUMBER = "dossierNumber";
        /** Input parameter of {@link Elements#TRANSMETTRE_DECISION}: the message sent to each dossier. */
        static final String DECISION_MESSAGE = "decisionMessage";

        private Variables() {
        }
    }

    private EsmsNumeriqueCampaign() {
    }
}
