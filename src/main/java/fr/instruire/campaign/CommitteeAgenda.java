package fr.instruire.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;

/**
 * The committee's agenda: the dossiers instructed so far, best score first, with each ARS's share, and one
 * decision line per dossier pre-filled for the form. Kept current while a sitting is open: each instructed dossier
 * refreshes its campaign's agenda. Two kinds of agenda: the ESMS committee's ({@code prepareCommitteeSitting}) and a
 * national selection's with regions, publics and opinions ({@code prepareSelectionAgenda}, {@link SelectionAgenda});
 * the task that shows one carries the task-local marker {@code agenda}, so that a refresh replaces the agenda of that
 * task only — never the decisions a later task of the campaign (the CTIS's) works on.
 */
@Component
public class CommitteeAgenda {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Task-local marker of a task that shows an agenda: {@link #COMMITTEE} or {@link #SELECTION}. */
    static final String AGENDA = "agenda";
    static final String COMMITTEE = "committee";
    static final String SELECTION = "selection";

    private final Dossiers dossiers;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SelectionAgenda selection;
    private final CallFacts callFacts;

    CommitteeAgenda(Dossiers dossiers, RuntimeService runtime, TaskService tasks, SelectionAgenda selection, CallFacts callFacts) {
        this.callFacts = callFacts;
        this.dossiers = dossiers;
        this.runtime = runtime;
        this.tasks = tasks;
        this.selection = selection;
    }

    /**
     * Called when a dossier of the campaign has been instructed: updates the agenda of a sitting in progress. Only
     * while a sitting's task is open — once it is completed, its decisions wait to be sent and must not be replaced.
     */
    public void refresh(String campaignKey) {
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(campaignKey).active().list()) {
            var kind = tasks.getVariableLocal(task.getId(), AGENDA);
            if (COMMITTEE.equals(kind)) {
                runtime.setVariables(task.getProcessInstanceId(), variables(campaignKey));
            } else if (SELECTION.equals(kind)) {
                var places = runtime.getVariable(task.getProcessInstanceId(), SelectionAgenda.PLACES);
                runtime.setVariables(task.getProcessInstanceId(), selection.variables(campaignKey, places));
            }
        }
    }

    void prepare(org.camunda.bpm.engine.delegate.DelegateTask task, String campaignKey) {
        task.setVariableLocal(AGENDA, COMMITTEE);
        task.getExecution().setVariables(variables(campaignKey));
    }

    void prepareSelection(org.camunda.bpm.engine.delegate.DelegateTask task, String campaignKey) {
        task.setVariableLocal(AGENDA, SELECTION);
        task.getExecution().setVariables(selection.variables(campaignKey, task.getVariable(SelectionAgenda.PLACES)));
    }

    private Map<String, Object> variables(String campaignKey) {
        var lines = dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(d -> CommitteeLine.of(d, callFacts)).toList();
        var list = lines.stream().map(l -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dossierNumber", l.dossierNumber());
            row.put("organisation", l.organisation());
            row.put("projectTitle", l.projectTitle());
            row.put("score", l.score());
            row.put("grantAmount", l.grantAmount());
            row.put("regionalShares", l.regionalSharesText());
            return row;
        }).toList();
        var decisions = lines.stream().map(l -> Map.of("dossierNumber", l.dossierNumber(), "decision", "", "reason", "")).toList();
        return Map.of("committeeList", json(list), "committeeDecisions", json(decisions), "committeeListSize", lines.size());
    }

    static Object json(Object value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
