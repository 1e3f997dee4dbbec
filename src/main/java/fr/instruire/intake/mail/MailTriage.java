package fr.instruire.intake.mail;

/**
 * The ids and variables of {@code bpmn/common/mail-triage.bpmn} that Java and the tests rely on: a message whose
 * subject is not the prescribed one waits there for a reviewer to say what it is.
 */
final class MailTriage {

    static final String PROCESS = "mail-triage";
    /** « Qualifier le courriel » */
    static final String QUALIFY_TASK = "Activity_QualifierCourriel";

    // set at start (business key = the inbound mail's id)
    static final String INBOUND_MAIL_ID = "inboundMailId";
    static final String CAMPAIGN_KEY = "campaignKey";
    static final String REVIEWER_GROUP = "reviewerGroup";
    static final String FROM = "from";
    static final String SUBJECT = "subject";
    /** in words, in the campaign's zone: « 12 février 2022 à 10h32 (heure normale d’Europe centrale) » */
    static final String RECEIVED_AT = "receivedAt";
    static final String RECEIVED_LATE = "receivedLate";
    static final String EXCERPT = "excerpt";
    /** the attachments' names, comma-separated, « aucune » when none */
    static final String ATTACHMENT_NAMES = "attachmentNames";

    // the reviewer's form
    static final String DECISION = "triageDecision";
    static final String ATTACH = "RATTACHER";
    static final String NEW_DOSSIER = "NOUVEAU_DOSSIER";
    static final String DISCARD = "ECARTER";
    /** the dossier number to attach the message to (ATTACH) */
    static final String ATTACH_TO = "attachTo";
    /** why the message is discarded (DISCARD) */
    static final String DISCARD_REASON = "discardReason";

    /** set by the attach and new-dossier steps: the dossier the message went to */
    static final String DOSSIER_NUMBER = "dossierNumber";

    private MailTriage() {
    }
}
