package fr.instruire.intake.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.campaign.Campaign;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.intake.DocumentTypes;
import fr.instruire.intake.IntakeService;
import fr.instruire.intake.IntakeService.Arrival;
import fr.instruire.intake.mail.InboundMails.InboundMail;
import fr.instruire.intake.mail.InboundMails.Outcome;
import fr.instruire.intake.mail.MailIntakeProperties.Mailbox;
import fr.instruire.intake.mail.ReceivedMail.Attachment;
import fr.instruire.system.Clock;
import fr.instruire.system.French;

/**
 * What a received message becomes, each in one transaction with its registration: a dossier when its subject is
 * the prescribed one, else a « Qualifier le courriel » task; then, from that task, a dossier too, an attachment to an
 * existing dossier, or nothing but a recorded reason.
 */
@Service
class MailIntake {

    static final int EXCERPT_LENGTH = 1500;

    private final IntakeService intake;
    private final InboundMails inbound;
    private final Campaigns campaigns;
    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final RuntimeService runtime;

    MailIntake(IntakeService intake, InboundMails inbound, Campaigns campaigns, Dossiers dossiers,
               DossierDocuments documents, RuntimeService runtime) {
        this.intake = intake;
        this.inbound = inbound;
        this.campaigns = campaigns;
        this.dossiers = dossiers;
        this.documents = documents;
        this.runtime = runtime;
    }

    record Registered(long id, Outcome outcome, String dossierNumber, boolean late) {
    }

    /**
     * Registers one message and does what it becomes, in one transaction: both or neither. Empty when the mailbox has
     * registered it already (a crash after the commit, a second delivery of the same Message-ID); a concurrent
     * registration of the same message is refused by the database ({@code DuplicateKeyException}).
     *
     * @param internalDate the server's INTERNALDATE; without it, the Date header; without it, now
     */
    @Transactional
    public Optional<Registered> register(Mailbox mailbox, Campaign campaign, long uidValidity, long uid,
                                         Instant internalDate, byte[] raw) {
        var mail = ReceivedMail.parse(raw);
        if (inbound.isRegistered(mailbox.id(), mail.messageKey())) {
            return Optional.empty();
        }
        var receivedAt = internalDate != null ? internalDate : mail.sentAt() != null ? mail.sentAt() : Clock.now();
        // after the deadline, or after the last decision closed the selection (no committee would decide it)
        var late = !receivedAt.isBefore(campaign.submissionClosesAt())
                || campaigns.selectionClosedAt(campaign.key()).filter(closed -> !receivedAt.isBefore(closed)).isPresent();
        var same = inbound.sameMessageInCampaign(campaign.key(), mail.messageKey());
        if (same.isPresent()) {
            var number = same.get().dossierNumber();
            var id = inbound.insert(mailbox.id(), campaign.key(), uidValidity, uid, mail, receivedAt, Outcome.DUPLICATE,
                    number, late, raw);
            return Optional.of(new Registered(id, Outcome.DUPLICATE, number, late));
        }
        if (isApplication(mailbox, mail)) {
            var id = inbound.insert(mailbox.id(), campaign.key(), uidValidity, uid, mail, receivedAt, Outcome.DOSSIER,
                    null, late, raw);
            var number = newDossier(campaign, mail, receivedAt, late, null);
            inbound.becameDossier(id, number);
            return Optional.of(new Registered(id, Outcome.DOSSIER, number, late));
        }
        var id = inbound.insert(mailbox.id(), campaign.key(), uidValidity, uid, mail, receivedAt, Outcome.TRIAGE, null,
                late, raw);
        startTriage(id, campaign, mail, receivedAt, late);
        return Optional.of(new Registered(id, Outcome.TRIAGE, null, late));
    }

    /**
     * An application: the prescribed subject, someone to answer, readable, and not sent by a machine on its own (an
     * auto-reply quoting the subject).
     */
    static boolean isApplication(Mailbox mailbox, ReceivedMail mail) {
        return mail.readable() && mail.contactAddress() != null && !mail.automatic()
                && new PrescribedSubject(mailbox.subject()).matches(mail.subject());
    }

    /** Triage: the reviewer made the message a dossier (the same path as a matching message). */
    @Transactional
    public String newDossierFromTriage(long inboundMailId, String reviewer) {
        var row = inbound.get(inboundMailId);
        requireTriage(row);
        var mail = ReceivedMail.parse(row.raw());
        if (mail.contactAddress() == null) {
            throw new IllegalStateException("Le courriel " + inboundMailId + " n'a pas d'expéditeur lisible");
        }
        var number = newDossier(campaigns.get(row.campaignKey()), mail, row.receivedAt(), row.late(), reviewer);
        inbound.qualified(inboundMailId, Outcome.DOSSIER, number, reviewer, null);
        return number;
    }

    /**
     * Triage: the message belongs to an existing dossier of the same campaign (a complement, a corrected file…). When the
     * dossier waits for complements, the message is their answer: recorded as such, and the dossier resumes.
     */
    @Transactional
    public void attachToDossier(long inboundMailId, String number, String reviewer) {
        var row = inbound.get(inboundMailId);
        requireTriage(row);
        var dossier = dossiers.get(number);
        if (!dossier.campaignKey().equals(row.campaignKey())) {
            throw new IllegalStateException("Le dossier " + number + " n'est pas de la campagne " + row.campaignKey());
        }
        var mail = ReceivedMail.parse(row.raw());
        var sorted = Sorted.of(mail);
        sorted.store(documents, number, uploader(mail));
        var zone = campaigns.get(row.campaignKey()).timeZone();
        dossiers.recordEvent(number, reviewer, "MAIL_ATTACHED", InboundMails.cut(String.join("\n",
                received(mail, row.receivedAt(), zone), sorted.describe(),
                "Rattaché au dossier par " + reviewer + " (courriel à qualifier)."), 8000));
        inbound.qualified(inboundMailId, Outcome.ATTACHED, number, reviewer, null);
        if (dossiers.openComplementRequest(number).isPresent()) {
            // the applicant answered the complements request by mail, as the request's mail tells them: the dossier
            // resumes as it does for an answer through the API (refused — the job retried — while it does not wait yet)
            intake.answerComplements(number, InboundMails.cut(String.join("\n", received(mail, row.receivedAt(), zone),
                    sorted.describe(), mail.text() == null ? "" : mail.text().strip()), 8000));
        }
    }

    /** Triage: the message is no application (advertising, a question answered elsewhere…): who and why, kept. */
    @Transactional
    public void discard(long inboundMailId, String reason, String reviewer) {
        var row = inbound.get(inboundMailId);
        requireTriage(row);
        inbound.qualified(inboundMailId, Outcome.DISCARDED, null, reviewer, reason);
    }

    /** Why the message cannot go to that dossier (none, or another campaign's), if it cannot. */
    Optional<String> refusalToAttach(long inboundMailId, String number) {
        var dossier = dossiers.find(number);
        if (dossier.isEmpty()) {
            return Optional.of("Aucun dossier « " + number + " ».");
        }
        if (!dossier.get().campaignKey().equals(inbound.get(inboundMailId).campaignKey())) {
            return Optional.of("Le dossier " + number + " relève d'une autre campagne que ce courriel.");
        }
        return Optional.empty();
    }

    boolean hasSender(long inboundMailId) {
        return ReceivedMail.parse(inbound.get(inboundMailId).raw()).contactAddress() != null;
    }

    private String newDossier(Campaign campaign, ReceivedMail mail, Instant receivedAt, boolean late, String reviewer) {
        var sorted = Sorted.of(mail);
        var lines = new ArrayList<String>(List.of(received(mail, receivedAt, campaign.timeZone()), sorted.describe()));
        if (late) {
            lines.add("Reçu après la clôture du dépôt, ouvert " + campaign.submissionWindowInFrench() + " : hors délais.");
        }
        if (reviewer != null) {
            lines.add("Enregistré comme candidature par " + reviewer + " (courriel à qualifier).");
        }
        var sender = InboundMails.cut(mail.contactAddress(), 100);
        var organisation = InboundMails.cut(mail.fromName() != null ? mail.fromName() : mail.contactAddress(), 300);
        var title = "Candidature reçue par courriel le " + French.dateTime(receivedAt, campaign.timeZone());
        var dossier = intake.createDossier(campaign, Arrival.mail(sender, late, InboundMails.cut(String.join("\n", lines), 8000)),
                null,
                number -> new Dossier(number, campaign.key(), DossierStatus.RECEIVED, organisation, null,
                        InboundMails.cut(mail.fromName(), 200), InboundMails.cut(mail.contactAddress(), 320), title, null,
                        null, null, receivedAt, Clock.now()),
                number -> sorted.store(documents, number, uploader(mail)));
        return dossier.number();
    }

    private void startTriage(long id, Campaign campaign, ReceivedMail mail, Instant receivedAt, boolean late) {
        var excerpt = mail.excerpt(EXCERPT_LENGTH);
        if (!mail.readable()) {
            excerpt = "(Une partie du message n'a pas pu être lue ; le message est conservé tel quel.)\n\n" + excerpt;
        }
        runtime.createProcessInstanceByKey(MailTriage.PROCESS)
                .businessKey(String.valueOf(id))
                .setVariables(Map.of(
                        MailTriage.INBOUND_MAIL_ID, id,
                        MailTriage.CAMPAIGN_KEY, campaign.key(),
                        MailTriage.REVIEWER_GROUP, campaign.reviewerGroup(),
                        MailTriage.FROM, mail.sender(),
                        MailTriage.SUBJECT, mail.subject() == null || mail.subject().isBlank() ? "(sans objet)" : mail.subject(),
                        MailTriage.RECEIVED_AT, French.dayAndHour(receivedAt, campaign.timeZone()),
                        MailTriage.RECEIVED_LATE, late,
                        MailTriage.EXCERPT, excerpt.isBlank() ? "(message sans texte)" : excerpt,
                        MailTriage.ATTACHMENT_NAMES, mail.attachments().isEmpty() ? "aucune" : String.join(", ", mail.attachmentNames())))
                .execute();
    }

    /** A message is qualified once: its step's job commits with its effect, a retry starts from scratch. */
    private static void requireTriage(InboundMail row) {
        if (row.outcome() != Outcome.TRIAGE) {
            throw new IllegalStateException("Le courriel " + row.id() + " a déjà été qualifié (" + row.outcome() + ")");
        }
    }

    /** « Courriel de …, objet « … », reçu le … » */
    private static String received(ReceivedMail mail, Instant receivedAt, java.time.ZoneId zone) {
        return "Courriel de %s, objet « %s », reçu le %s.".formatted(mail.sender(),
                mail.subject() == null ? "" : mail.subject(), French.dayAndHour(receivedAt, zone));
    }

    private static String uploader(ReceivedMail mail) {
        return InboundMails.cut(mail.contactAddress() != null ? mail.contactAddress() : "courriel", 100);
    }

    /** A message's attachments, sorted into those a dossier keeps as documents and the others. */
    private record Sorted(List<Attachment> kept, List<String> keptTypes, List<String> leftInMessage) {

        static Sorted of(ReceivedMail mail) {
            var kept = new ArrayList<Attachment>();
            var types = new ArrayList<String>();
            var left = new ArrayList<String>();
            for (var attachment : mail.attachments()) {
                DocumentTypes.detect(attachment.content(), attachment.filename()).ifPresentOrElse(type -> {
                    kept.add(attachment);
                    types.add(type);
                }, () -> left.add(attachment.filename()));
            }
            return new Sorted(kept, types, left);
        }

        void store(DossierDocuments documents, String number, String uploadedBy) {
            for (int i = 0; i < kept.size(); i++) {
                var attachment = kept.get(i);
                documents.add(number, attachment.filename(), keptTypes.get(i), attachment.content(),
                        ReceivedMail.sha256(attachment.content()), uploadedBy);
            }
        }

        String describe() {
            var text = kept.isEmpty() ? "Aucune pièce enregistrée au dossier."
                    : "Pièces enregistrées au dossier : " + String.join(", ", kept.stream().map(Attachment::filename).toList()) + ".";
            if (!leftInMessage.isEmpty()) {
                text += "\nPièces conservées dans le courriel seulement (type non accepté : " + DocumentTypes.ACCEPTED
                        + ") : " + String.join(", ", leftInMessage) + ".";
            }
            return text;
        }
    }
}
