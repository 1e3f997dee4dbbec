package fr.instruire.instruction;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.CallFacts;
import fr.instruire.call.CallDefinition;
import fr.instruire.payment.PaymentLedger;
import fr.instruire.reporting.UsageReports;
import fr.instruire.call.FactDefinition;
import fr.instruire.call.FactType;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import fr.instruire.dossier.Dossiers;
import fr.instruire.instruction.DossierPage.OpenTask;
import fr.instruire.instruction.DossierPage.RuleOutcome;
import fr.instruire.instruction.DossierPage.Score;
import fr.instruire.instruction.DossierPage.Share;
import fr.instruire.system.French;
import fr.instruire.notification.MailLog;

/**
 * Gathers a dossier's page: its tables, the decision tables' outputs and the scores from the engine's history (the
 * rules' reasons are read where the engine recorded them, not re-evaluated), and its open tasks.
 */
@Component
class DossierPages {

    /** The fact an instruction records: its score's maximum, the call's (RecordInstructionDelegate). */
    static final String MAX_SCORE = "maxScore";
    /**
     * The lines of the history that are decisions, with who took them (a complements request is the recevabilité
     * decision's line; its own line repeats it).
     */
    static final Set<String> DECISIONS = Set.of("ADMISSIBILITY_REVIEW", "INADMISSIBLE", "INSTRUCTION", "COMMITTEE_DECISION",
            "CONVENTION_SIGNED");

    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final Campaigns campaigns;
    private final MailLog mails;
    private final Annotations annotations;
    private final HistoryService history;
    private final TaskService tasks;
    private final CallFacts facts;
    private final RepositoryService repository;
    private final FormLabels labels;
    private final PaymentLedger ledger;
    private final UsageReports usage;

    DossierPages(Dossiers dossiers, DossierDocuments documents, Campaigns campaigns, MailLog mails, Annotations annotations,
                 HistoryService history, TaskService tasks, CallFacts facts, RepositoryService repository, FormLabels labels,
                 PaymentLedger ledger, UsageReports usage) {
        this.ledger = ledger;
        this.usage = usage;
        this.repository = repository;
        this.labels = labels;
        this.dossiers = dossiers;
        this.documents = documents;
        this.campaigns = campaigns;
        this.mails = mails;
        this.annotations = annotations;
        this.history = history;
        this.tasks = tasks;
        this.facts = facts;
    }

    DossierPage of(Dossier dossier) {
        var number = dossier.number();
        var campaign = campaigns.get(dossier.campaignKey());
        var instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(campaign.dossierProcessKey()).processInstanceBusinessKey(number)
                .orderByProcessInstanceStartTime().asc().list().stream().map(HistoricProcessInstance::getId).toList();
        var events = dossiers.history(number);
        var call = facts.callOf(number);
        var all = facts.of(call, number);
        return new DossierPage(dossier, campaign, call, shownFacts(call, all), shownLists(call, all),
                openTasks(number), shares(call, all, dossier.grantAmount()), documents.of(number),
                rules(instances, call.decisionKey("admissibility")), scores(instances, call.decisionKey("score")),
                events.stream().filter(e -> DECISIONS.contains(e.kind())).toList(),
                mails.of(number), dossiers.complements(number), events, annotations.of(number),
                all.get(MAX_SCORE) instanceof Number max ? max.intValue() : null, call.regionsOf(all),
                ledger.of(number).orElse(null), usage.results(number));
    }

    /**
     * The facts of the call's dossier view, in its order, then every other fact the dossier holds (a step's opinion…),
     * labelled as the call's forms name it: nothing recorded is hidden from the staff.
     */
    private List<DossierPage.ShownFact> shownFacts(CallDefinition call, Map<String, Object> all) {
        var shown = new ArrayList<DossierPage.ShownFact>();
        var keys = new java.util.LinkedHashSet<String>(call.dossierView());
        all.keySet().stream().filter(k -> !k.equals(MAX_SCORE)).forEach(keys::add);
        for (var key : keys) {
            var fact = call.fact(key).orElse(null);
            if (fact != null && fact.type() == FactType.RECORDS || all.get(key) instanceof List) {
                continue;
            }
            if (!all.containsKey(key)) {
                continue;
            }
            shown.add(new DossierPage.ShownFact(fact != null ? fact.label() : labels.label(call.id(), key),
                    fact != null ? fact.words(all.get(key)) : words(all.get(key))));
        }
        return shown;
    }

    private static String words(Object value) {
        return value instanceof Boolean b ? (b ? "Oui" : "Non") : String.valueOf(value);
    }

    /** Each list of records of the dossier (the establishments it covers), columns as the registration form labels them. */
    private static List<DossierPage.ShownList> shownLists(CallDefinition call, Map<String, Object> all) {
        return call.facts().values().stream().filter(f -> f.type() == FactType.RECORDS && all.get(f.key()) instanceof List<?>)
                .map(f -> new DossierPage.ShownList(f.key(), f.label(), f.fields().stream().map(FactDefinition::label).toList(),
                        ((List<?>) all.get(f.key())).stream().filter(Map.class::isInstance)
                                .map(r -> List.copyOf(f.recordWords((Map<?, ?>) r).values())).toList()))
                .toList();
    }

    private List<OpenTask> openTasks(String number) {
        return tasks.createTaskQuery().processInstanceBusinessKey(number).active().orderByTaskCreateTime().asc().list()
                .stream().map(t -> new OpenTask(t.getId(), t.getName(), t.getAssignee(), t.getCreateTime().toInstant()))
                .toList();
    }

    private List<Share> shares(CallDefinition call, Map<String, Object> all, Long grant) {
        return CallFacts.shares(call, all, grant).stream()
                .map(s -> new Share(s.region(), campaigns.arsName(s.region()), s.count(), s.amount()))
                .toList();
    }

    /** Every evaluation of the call's decisions in the dossier's process, oldest first, with its outputs. */
    private List<RuleOutcome> rules(List<String> instances, String admissibility) {
        var outcomes = new ArrayList<RuleOutcome>();
        for (var instance : instances) {
            history.createHistoricDecisionInstanceQuery().processInstanceId(instance).includeOutputs()
                    .orderByEvaluationTime().asc().list()
                    .forEach(d -> outcomes.add(new RuleOutcome(d.getDecisionDefinitionName(), d.getEvaluationTime().toInstant(),
                            admissibility.equals(d.getDecisionDefinitionKey()),
                            d.getOutputs().stream().map(DossierPages::output).toList())));
        }
        return outcomes;
    }

    /**
     * A reason as the rule wrote it; a number with its output's label, in euros when the label says so
     * (« Montant de la subvention (€) » → « Montant de la subvention : 250 000 € »).
     */
    private static String output(HistoricDecisionOutputInstance output) {
        if (output.getValue() instanceof Number n) {
            var label = output.getClauseName() != null ? output.getClauseName() : output.getVariableName();
            if (label.contains("(€)")) {
                return label.replace("(€)", "").strip() + " : " + French.euros(n.longValue());
            }
            return label + " : " + NumberFormat.getIntegerInstance(Locale.FRENCH).format(n);
        }
        return String.valueOf(output.getValue());
    }

    /**
     * The instruction's marks as the reviewer gave them: the inputs of the call's score decision (labelled as the
     * decision table labels them) that the dossier's process holds as numbers. A score computed by a graph of decisions
     * (a grid of weights) reads its marks in a sub-decision: the page then shows the score alone.
     */
    private List<Score> scores(List<String> instances, String scoreDecision) {
        var definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(scoreDecision).latestVersion()
                .singleResult();
        if (instances.isEmpty() || definition == null) {
            return List.of();
        }
        var inputs = new LinkedHashMap<String, String>();
        var decision = repository.getDmnModelInstance(definition.getId())
                .getModelElementById(definition.getKey()) instanceof Decision d ? d : null;
        if (decision == null || !(decision.getExpression() instanceof DecisionTable table)) {
            return List.of();
        }
        for (var input : table.getInputs()) {
            var expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? null
                    : input.getInputExpression().getText().getTextContent().strip();
            if (expression != null && expression.matches("[A-Za-z][A-Za-z0-9_]*")) {
                inputs.put(expression, input.getLabel() == null ? expression : input.getLabel());
            }
        }
        if (inputs.isEmpty()) {
            return List.of();
        }
        var values = new LinkedHashMap<String, Number>();
        history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances.toArray(String[]::new))
                .variableNameIn(inputs.keySet().toArray(String[]::new)).list()
                .forEach(v -> {
                    if (v.getValue() instanceof Number n) {
                        values.put(v.getName(), n);
                    }
                });
        return inputs.keySet().stream().filter(values::containsKey)
                .map(name -> new Score(inputs.get(name), values.get(name))).toList();
    }
}
