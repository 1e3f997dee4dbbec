package fr.instruire.dossier;

/**
 * The statuses the platform itself gives a dossier, whatever its call. A status is open data: a call declares its own
 * (and the words of these) in its descriptor ({@code calls/<call>.yaml}), and its models set them by code.
 */
public final class DossierStatus {

    /** Received by mail, to be registered by the call's team. */
    public static final String RECEIVED = "RECEIVED";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String ADMISSIBILITY_REVIEW = "ADMISSIBILITY_REVIEW";
    public static final String AWAITING_COMPLEMENTS = "AWAITING_COMPLEMENTS";
    public static final String INADMISSIBLE = "INADMISSIBLE";
    public static final String UNDER_INSTRUCTION = "UNDER_INSTRUCTION";
    public static final String INSTRUCTED = "INSTRUCTED";
    public static final String SELECTED = "SELECTED";
    public static final String NOT_SELECTED = "NOT_SELECTED";

    private DossierStatus() {
    }
}
