package fr.instruire.models.idfparcours;

/**
 * The technically relevant names of {@code bpmn/idf-parcours/idf-parcours-campaign.bpmn}: a session's calendar.
 */
final class IdfParcoursCampaign {

    static final String PROCESS_ID = "idf-parcours-campaign";
    static final String BPMN = "bpmn/idf-parcours/idf-parcours-campaign.bpmn";

    static final class Elements {
        static final String SESSION_OUVERTE = "Event_SessionOuverte";
        static final String DEPOT_LETTRES_OUVERT = "Event_DepotLettresOuvert";
        static final String DATE_LIMITE_LETTRES_ATTEINTE = "Event_DateLimiteLettresAtteinte";
        static final String ECHEANCE_DGOS_ATTEINTE = "Event_EcheanceDgosAtteinte";
        static final String SESSION_CLOSE = "Event_SessionClose";

        private Elements() {
        }
    }

    static final class Variables {
        static final String SUBMISSION_OPENS_AT = "submissionOpensAt";
        static final String SUBMISSION_CLOSES_AT = "submissionClosesAt";
        static final String SELECTION_OPENS_AT = "selectionOpensAt";
        static final String SELECTION_CLOSES_AT = "selectionClosesAt";
        /** The call's own: « les demandes devant parvenir à la DGOS pour le 15 septembre ». */
        static final String DGOS_DEADLINE = "dgosDeadline";

        private Variables() {
        }
    }

    private IdfParcoursCampaign() {
    }
}
