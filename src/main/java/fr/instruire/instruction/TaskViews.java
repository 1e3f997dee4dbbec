package fr.instruire.instruction;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Complement;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.DossierDocuments.Document;
import fr.instruire.dossier.Dossiers;
import fr.instruire.dossier.CallFacts;
import fr.instruire.call.CallDefinition;
import fr.instruire.call.FactType;
import fr.instruire.payment.PaymentLedger;
import fr.instruire.reporting.UsageReports;
import fr.instruire.submission.TaskFormValues;
import fr.instruire.system.Clock;
import fr.instruire.system.French;

/**
 * What a reviewer's form shows of a dossier, computed from the dossier's tables each time the task's form is read
 * ({@link TaskFormValues}), never stored: the application in French words, the facts the rules read, the lists of
 * records, each region's share, the documents, the complements asked and answered, and the payment schedule. A
 * document added while the task is open shows the next time the form is read. Stored as task variables, the views
 * were 7 JSON values per task copied by history into act_hi_detail, act_hi_varinst and act_ge_bytearray — most of the
 * benchmark's 210 KB per dossier. A task shows a view when its create listener ({@code prepareTaskView}) marked it
 * {@link #DOSSIER}; the names of {@link TaskView}'s components are the values the forms read
 * (docs/process-contract.md, « Task views »).
 */
@Service
class TaskViews implements TaskFormValues {

    /** What a task's view reads of the process: the funding decision's result and the task's payment schedule. */
    static final String GRANT_AMOUNT = "grantAmount";
    static final String PAYMENT_SCHEDULE = "paymentSchedule";
    /** The summary's own keys (the dossier's core, in words); beside them, each fact of the call under its key. */
    static final List<String> SUMMARY = List.of("number", "url", "organisation", "siren", "contactName", "contactEmail",
            "projectTitle", "projectDescription", "status", "submittedOn", "timeZone", "preparedOn", "regions", "grant",
            "score");

    /** The view's variable of a list of records: {@code dossierEstablishments} for the list {@code establishments}. */
    static String listVariable(String fact) {
        return "dossier" + Character.toUpperCase(fact.charAt(0)) + fact.substring(1);
    }

    /** The view's summary variable, and the kind its tasks are marked with ({@link TaskFormValues#mark}). */
    static final String DOSSIER = "dossier";
    /** The view's values every call has; beside them, one per list of records of the call ({@link #listVariable}). */
    static final List<String> VIEW_VALUES = List.of(DOSSIER, "dossierFacts", "dossierShares", "dossierDocuments",
            "dossierComplements", "dossierPayments", "dossierTranches", "dossierUsage");

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final Campaigns campaigns;
    private final CallFacts callFacts;
    private final PaymentLedger ledger;
    private final UsageReports usage;

    TaskViews(Dossiers dossiers, DossierDocuments documents, Campaigns campaigns, CallFacts callFacts, PaymentLedger ledger,
              UsageReports usage) {
        this.callFacts = callFacts;
        this.usage = usage;
        this.ledger = ledger;
        this.dossiers = dossiers;
        this.documents = documents;
        this.campaigns = campaigns;
    }

    /** The view of the dossier a task's process is about, from what the process knows at that step. */
    TaskView of(String number, VariableScope process) {
        var grant = process.getVariable(GRANT_AMOUNT) instanceof Number n ? n.longValue() : null;
        return of(number, grant, PaymentStep.list(process.getVariable(PAYMENT_SCHEDULE)));
    }

    /** Fails when no dossier has this number: a task is marked with a view only for a dossier that exists. */
    void requireDossier(String number) {
        dossiers.get(number);
    }

    @Override
    public Set<String> names(DelegateTask task) {
        if (!TaskFormValues.marked(task, DOSSIER)) {
            return Set.of();
        }
        var names = new LinkedHashSet<>(VIEW_VALUES);
        callFacts.callOf(task.getExecution().getProcessBusinessKey()).facts().values().stream()
                .filter(f -> f.type() == FactType.RECORDS).forEach(f -> names.add(listVariable(f.key())));
        return names;
    }

    @Override
    public Map<String, TypedValue> values(DelegateTask task) {
        return TaskFormValues.marked(task, DOSSIER) ? of(task.getExecution().getProcessBusinessKey(), task).variables() : Map.of();
    }

    /**
     * The view of a dossier. {@code computedGrant} is the funding decision's result while the dossier has not yet
     * stored it (during instruction); {@code schedule} the payment schedule the model gives the task, if any.
     */
    TaskView of(String number, Long computedGrant, List<PaymentStep> schedule) {
        var dossier = dossiers.get(number);
        var campaign = campaigns.get(dossier.campaignKey());
        var zone = campaign.timeZone();
        var call = callFacts.callOf(number);
        var facts = callFacts.of(call, number);
        var grant = dossier.grantAmount() != null ? dossier.grantAmount() : computedGrant;
        var lists = new LinkedHashMap<String, List<Map<String, String>>>();
        call.facts().values().stream().filter(f -> f.type() == FactType.RECORDS).forEach(f -> lists.put(
                listVariable(f.key()),
                facts.get(f.key()) instanceof List<?> rows
                        ? rows.stream().filter(Map.class::isInstance).map(r -> f.recordWords((Map<?, ?>) r)).toList()
                        : List.of()));
        return new TaskView(
                summary(dossier, call, facts, grant, zone, facts.get(DossierPages.MAX_SCORE)),
                call.view(call.dossierView()).stream().filter(f -> f.type() != FactType.RECORDS)
                        .map(f -> new Fact(f.label(), f.words(facts.get(f.key())))).toList(),
                lists,
                grant == null ? List.of() : CallFacts.shares(call, facts, grant).stream()
                        .map(sh -> new ShareRow(campaigns.arsName(sh.region()), sh.region(), sh.count(), French.euros(sh.amount())))
                        .toList(),
                documents.of(number).stream().map(d -> document(d, zone)).toList(),
                dossiers.complements(number).stream().map(c -> complement(c, zone)).toList(),
                grant == null ? List.of() : payments(grant, schedule),
                ledger.of(number).map(f -> f.tranches().stream().map(t -> tranche(t, zone)).toList()).orElse(List.of()),
                usage.results(number).stream().map(TaskViews::usage).toList());
    }

    /**
     * The view as the forms' variables: one JSON value each, set local to the task. {@code lists}: each list of records
     * of the call, in words, named {@code dossier<List>} ({@code dossierEstablishments} for the list {@code establishments}).
     */
    record TaskView(Map<String, Object> dossier, List<Fact> dossierFacts, Map<String, List<Map<String, String>>> lists,
                    List<ShareRow> dossierShares, List<DocumentRow> dossierDocuments,
                    List<ComplementRow> dossierComplements, List<PaymentRow> dossierPayments,
                    List<TrancheRow> dossierTranches, List<UsageRow> dossierUsage) {

        Map<String, TypedValue> variables() {
            var variables = new LinkedHashMap<String, TypedValue>();
            variables.put(DOSSIER, json(dossier));
            variables.put("dossierFacts", json(dossierFacts));
            lists.forEach((name, rows) -> variables.put(name, json(rows)));
            variables.put("dossierShares", json(dossierShares));
            variables.put("dossierDocuments", json(dossierDocuments));
            variables.put("dossierComplements", json(dossierComplements));
            variables.put("dossierPayments", json(dossierPayments));
            variables.put("dossierTranches", json(dossierTranches));
            variables.put("dossierUsage", json(dossierUsage));
            return variables;
        }

        private static TypedValue json(Object value) {
            try {
                return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A fact the rules read, under the name of the call's criterion; plain text (a table cell). */
    record Fact(String criterion, String value) {
    }

    /** What one region's agency pays of the grant; plain text (a table row). {@code count}: its records. */
    record ShareRow(String ars, String region, int count, String amount) {
    }

    /** The forms list documents as links (html component): {@code url} is the staff page's download. */
    record DocumentRow(String filename, String type, String size, String uploadedOn, String url) {
    }

    /** A complements request and its answer, as written (html component). */
    record ComplementRow(String requestedOn, String requestedBy, String request, String answeredOn,
                         String answer) {
    }

    /** One instalment of the grant; plain text (a table row). */
    record PaymentRow(String percent, String when, String amount) {
    }

    /** One tranche of the grant in the payments ledger, its state in words; plain text (a table row). */
    record TrancheRow(String label, String amount, String status, String released, String paid) {
    }

    /** One usage indicator of the beneficiary's plan and its result so far; plain text (a table row). */
    record UsageRow(String criterion, String indicator, String target, String result, String ratio, String months) {
    }

    /** One step of a payment schedule, as the model gives it: a percentage of the grant and when it is paid. */
    record PaymentStep(int percent, String when) {

        /** The model's {@code paymentSchedule} input: a list of maps {percent, when}; none when absent. */
        static List<PaymentStep> list(Object value) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> steps)) {
                throw new IllegalStateException("paymentSchedule : liste d'étapes {percent, when} attendue, reçu " + value);
            }
            return steps.stream().map(step -> {
                if (!(step instanceof Map<?, ?> map) || map.get("percent") == null || map.get("when") == null) {
                    throw new IllegalStateException("paymentSchedule : étape {percent, when} attendue, reçu " + step);
                }
                return new PaymentStep(Integer.parseInt(map.get("percent").toString().trim()), map.get("when").toString());
            }).toList();
        }

        /** A schedule pays the whole grant: its percentages add up to 100 (an empty one pays nothing yet). */
        static List<PaymentStep> requireWhole(List<PaymentStep> schedule) {
            if (!schedule.isEmpty() && schedule.stream().mapToInt(PaymentStep::percent).sum() != 100) {
                throw new IllegalStateException("Échéancier de paiement qui ne fait pas 100 % : " + schedule);
            }
            return schedule;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The application: its core in words, then each fact of its call (lists of records aside) in words under its key —
     * {@code dossier.publicType} is « Personnes âgées (PA) ». Its strings are the applicant's as written: forms show them
     * in html components, which escape what they insert (a text component would read them as Markdown). {@code grant}
     * and {@code score} are absent until known.
     */
    private static Map<String, Object> summary(Dossier d, CallDefinition call, Map<String, Object> facts, Long grant,
                                               ZoneId zone, Object maxScore) {
        var summary = new LinkedHashMap<String, Object>();
        call.facts().values().stream().filter(f -> f.type() != FactType.RECORDS)
                .forEach(f -> summary.put(f.key(), f.words(facts.get(f.key()))));
        summary.put("number", d.number());
        summary.put("url", "/dossiers/" + d.number());
        summary.put("organisation", d.organisationName());
        summary.put("siren", d.organisationSiren());
        summary.put("contactName", d.contactName());
        summary.put("contactEmail", d.contactEmail());
        summary.put("projectTitle", d.projectTitle());
        summary.put("projectDescription", d.projectDescription() == null || d.projectDescription().isBlank()
                ? "(aucune description)" : d.projectDescription());
        summary.put("status", call.statusLabel(d.status()));
        summary.put("submittedOn", French.dateTime(d.submittedAt(), zone));
        summary.put("timeZone", French.zoneName(zone));
        summary.put("preparedOn", French.dateTime(Clock.now(), zone));
        summary.put("regions", String.join(", ", call.regionsOf(facts)));
        if (grant != null) {
            summary.put("grant", French.euros(grant));
        }
        if (d.score() != null) {
            summary.put("score", maxScore instanceof Number max ? "%d/%d".formatted(d.score(), max.intValue()) : String.valueOf(d.score()));
        }
        summary.values().removeIf(java.util.Objects::isNull);
        return summary;
    }

    private static DocumentRow document(Document d, ZoneId zone) {
        return new DocumentRow(d.filename(), documentType(d.contentType()), French.size(d.size()),
                French.dateTime(d.uploadedAt(), zone), "/dossiers/%s/documents/%d".formatted(d.dossierNumber(), d.id()));
    }

    private static ComplementRow complement(Complement c, ZoneId zone) {
        return new ComplementRow(
                French.dateTime(c.requestedAt(), zone),
                c.requestedBy(),
                c.requestText(),
                c.answeredAt() != null ? French.dateTime(c.answeredAt(), zone)
                        : c.expiredAt() != null ? "délai écoulé sans réponse le " + French.dateTime(c.expiredAt(), zone)
                        : "en attente de réponse",
                c.answerText() == null || c.answerText().isBlank() ? "—" : c.answerText());
    }

    /** The grant paid in instalments; the last takes what rounding left, so that they add up to the grant. */
    private static List<PaymentRow> payments(long grant, List<PaymentStep> schedule) {
        if (schedule == null || schedule.isEmpty()) {
            return List.of();
        }
        PaymentStep.requireWhole(schedule);
        var rows = new ArrayList<PaymentRow>();
        long paid = 0;
        for (int i = 0; i < schedule.size(); i++) {
            var step = schedule.get(i);
            long amount = i == schedule.size() - 1 ? grant - paid : grant * step.percent() / 100;
            paid += amount;
            rows.add(new PaymentRow(step.percent() + "\u00a0%", step.when(), French.euros(amount)));
        }
        return rows;
    }

    private static UsageRow usage(UsageReports.Result r) {
        var unit = r.indicator().rate() ? "\u00a0%" : "";
        return new UsageRow("Critère " + r.position() + (r.indicator().required() ? " (métier)" : " (choisi)"),
                r.indicator().label(), French.number(r.target()) + unit,
                r.result() == null ? "aucun relevé" : French.number(r.result()) + unit,
                r.ratio() == null ? "—" : French.number(r.ratio().multiply(java.math.BigDecimal.valueOf(100))) + "\u00a0%",
                r.months().isEmpty() ? "—" : r.months().get(0) + " → " + r.months().get(r.months().size() - 1));
    }

    private static TrancheRow tranche(PaymentLedger.Tranche t, ZoneId zone) {
        return new TrancheRow(t.label(), French.euros(t.amount()),
                switch (t.status()) {
                    case DUE -> "Attendue";
                    case RELEASED -> "Libérée, à payer";
                    case PAID -> "Payée";
                },
                t.releasedAt() == null ? "—" : French.day(t.releasedAt(), zone) + " par " + t.releasedBy() + " — " + t.evidence(),
                t.paidAt() == null ? "—" : French.day(t.paidAt(), zone) + " par " + t.paidBy() + " — " + t.paymentReference());
    }

    private static String documentType(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "application/pdf" -> "PDF";
            case "image/png" -> "Image PNG";
            case "image/jpeg" -> "Image JPEG";
            case "application/vnd.oasis.opendocument.text" -> "Texte OpenDocument";
            case "application/vnd.oasis.opendocument.spreadsheet" -> "Tableur OpenDocument";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "Document Word";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "Classeur Excel";
            case "application/msword" -> "Document Word (ancien format)";
            case "application/vnd.ms-excel" -> "Classeur Excel (ancien format)";
            default -> contentType;
        };
    }
}
