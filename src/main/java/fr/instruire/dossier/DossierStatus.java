package fr.instruire.dossier;

/** Where a dossier stands, as applicants and reviewers read it. */
public enum DossierStatus {
    RECEIVED("Reçu par courriel, à enregistrer"),
    SUBMITTED("Déposé, recevabilité à vérifier"),
    ADMISSIBILITY_REVIEW("Recevabilité en cours"),
    AWAITING_COMPLEMENTS("En attente de compléments"),
    INADMISSIBLE("Irrecevable"),
    UNDER_INSTRUCTION("En instruction"),
    INSTRUCTED("Instruit, en attente du comité"),
    SELECTED("Retenu"),
    NOT_SELECTED("Non retenu"),
    CONVENTION_SIGNED("Convention signée"),
    EXPERIMENTATION("Expérimentation en cours"),
    EXPERIMENTATION_ENDED("Expérimentation terminée");

    private final String label;

    DossierStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
