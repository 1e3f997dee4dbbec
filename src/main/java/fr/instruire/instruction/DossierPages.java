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
import fr.instruire.dossier.DossierFacts;
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

    /**
     * The lines of the history that are decisions, with who took them (a complements request is the recevabilité
     * decision's line; its own line repeats it).
     */
    /** The fact an instruction records: its score's maximum, the call's (RecordInstructionDelegate). */
    static final String MAX_SCORE = "maxScore";
    static final Set<String> DECISIONS = Set.of("ADMISSIBILITY_REVIEW", "INADMISSIBLE", "INSTRUCTION", "COMMITTEE_DECISION",
            "CONVENTION_SIGNED");

    /** The instruction form's labels of the priorisation criteria. */
    private static final Map<String, String> CRITERIA = Map.of(
            "scoreMotivation", "Motivation du porteur",
            "scorePerimetreFonctionnel", "Périmètre fonctionnel",
            "scoreMutualisation", "Solution mutualisée",
            "scoreInteroperabilite", "Interopérabilité de la solution avec son écosystème",
            "scorePlateformeRegionale", "Interconnexion avec une plateforme régionale");

    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final Campaigns campaigns;
    private final MailLog mails;
    private final Annotations annotations;
    private final HistoryService history;
    private final TaskService tasks;
    private final DossierFacts facts;

    DossierPages(Dossiers dossiers, DossierDocuments documents, Campaigns campaigns, MailLog mails, Annotations annotations,
                 HistoryService history, TaskService tasks, DossierFacts facts) {
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
        return new DossierPage(dossier, campaign, openTasks(number), shares(dossier), documents.of(number),
                rules(instances, campaign.callId()), scores(instances),
                events.stream().filter(e -> DECISIONS.contains(e.kind())).toList(),
                mails.of(number), dossiers.complements(number), events, annotations.of(number),
                facts.of(number).get(MAX_SCORE) instanceof Number max ? max.intValue() : null, dossiers.regionsOf(dossier));
    }

    private List<OpenTask> openTasks(String number) {
        return tasks.createTaskQuery().processInstanceBusinessKey(number).active().orderByTaskCreateTime().asc().list()
                .stream().map(t -> new OpenTask(t.getId(), t.getName(), t.getAssignee(), t.getCreateTime().toInstant()))
                .toList();
    }

    private List<Share> shares(Dossier dossier) {
        return dossier.regionalShares().stream()
                .map(s -> new Share(s.region(), campaigns.arsName(s.region()), s.esmsCount(), s.amount()))
                .toList();
    }

    /** Every evaluation of the call's decisions in the dossier's process, oldest first, with its outputs. */
    private List<RuleOutcome> rules(List<String> instances, String callId) {
        var outcomes = new ArrayList<RuleOutcome>();
        var admissibility = callId + "-admissibility";
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

    /** The instruction's scores per criterion, as the reviewer entered them in the form. */
    private List<Score> scores(List<String> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        var values = new LinkedHashMap<String, Integer>();
        history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances.toArray(String[]::new))
                .variableNameIn(RecordInstructionDelegate.CRITERIA.toArray(String[]::new)).list()
                .forEach(v -> {
                    if (v.getValue() instanceof Number n) {
                        values.put(v.getName(), n.intValue());
                    }
                });
        return RecordInstructionDelegate.CRITERIA.stream().filter(values::containsKey)
                .map(c -> new Score(CRITERIA.get(c), values.get(c), RecordInstructionDelegate.MAX_PER_CRITERION))
                .toList();
    }
}
