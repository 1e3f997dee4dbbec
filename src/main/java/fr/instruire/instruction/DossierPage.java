package fr.instruire.instruction;

import java.time.Instant;
import java.util.List;

import fr.instruire.call.CallDefinition;
import fr.instruire.campaign.Campaign;
import fr.instruire.dossier.Complement;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments.Document;
import fr.instruire.dossier.DossierEvent;
import fr.instruire.instruction.Annotations.Annotation;
import fr.instruire.notification.SentMail;
import fr.instruire.payment.PaymentLedger;
import fr.instruire.reporting.UsageReports;

/** Everything the staff's dossier page shows, gathered from the dossier's tables and the engine's history. */
record DossierPage(
        Dossier dossier,
        Campaign campaign,
        CallDefinition call,
        List<ShownFact> facts,
        List<ShownList> lists,
        List<OpenTask> tasks,
        List<Share> shares,
        List<Document> documents,
        List<RuleOutcome> rules,
        List<Score> scores,
        List<DossierEvent> decisions,
        List<SentMail> mails,
        List<Complement> complements,
        List<DossierEvent> history,
        List<Annotation> annotations,
        Integer maxScore,
        List<String> regions,
        PaymentLedger.Funding funding,
        List<UsageReports.Result> usage) {

    /** What of the grant remains to be paid; null before the grant is open. */
    public Long remaining() {
        return funding == null ? null : funding.grant() - funding.paid();
    }

    /** The latest evaluation of the admissibility rules (they run again after complements), or null before they ran. */
    public RuleOutcome lastAdmissibility() {
        return rules.stream().filter(RuleOutcome::admissibility).reduce((first, second) -> second).orElse(null);
    }

    /** What one region's agency funds of the project (its amount is known once the dossier is instructed). */
    record Share(String region, String ars, int count, Long amount) {
    }

    /** A fact of the dossier, labelled and in words, as its call's descriptor and forms name it. */
    record ShownFact(String label, String value) {
    }

    /** A list of records of the dossier (the establishments it covers): its label, its columns' labels, its rows in words. */
    record ShownList(String key, String label, List<String> columns, List<List<String>> rows) {
    }

    /** The dossier's status in its call's words. */
    public String statusLabel() {
        return call.statusLabel(dossier.status());
    }

    /**
     * One evaluation of a decision table for the dossier, with what it returned: for admissibility, the failed
     * criteria (none = admissible by the rules); for funding, the amount.
     */
    record RuleOutcome(String decision, Instant evaluatedAt, boolean admissibility, List<String> outputs) {
    }

    /** One mark of the instruction (an input of the call's score decision) as the reviewer gave it. */
    record Score(String criterion, Number value) {
    }

    /** A task waiting in Tasklist for this dossier, with the address that opens it there. */
    record OpenTask(String id, String name, String assignee, Instant createdAt) {

        public String tasklistUrl() {
            return "/camunda/app/tasklist/default/#/?task=" + id;
        }
    }
}
