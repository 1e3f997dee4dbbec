package fr.instruire.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;

/**
 * The committee's agenda: the dossiers instructed so far, best score first, with each ARS's share, and one
 * decision line per dossier pre-filled for the form. Kept current while a sitting is open: each instructed dossier
 * refreshes its campaign's agenda.
 */
@Component
public class CommitteeAgenda {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Dossiers dossiers;
    private final RuntimeService runtime;
    private final TaskService tasks;

    CommitteeAgenda(Dossiers dossiers, RuntimeService runtime, TaskService tasks) {
        this.dossiers = dossiers;
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /**
     * Called when a dossier of the campaign has been instructed: updates the agenda of a sitting in progress. Only
     * while a sitting's task is open — once it is completed, its decisions wait to be sent and must not be replaced.
     */
    public void refresh(String campaignKey) {
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(campaignKey).active().list().stream()
                .filter(instance -> tasks.createTaskQuery().processInstanceId(instance.getId()).count() > 0)
                .forEach(instance -> runtime.setVariables(instance.getId(), variables(campaignKey)));
    }

    void prepare(VariableScope scope, String campaignKey) {
        scope.setVariables(variables(campaignKey));
    }

    private Map<String, Object> variables(String campaignKey) {
        var lines = dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(CommitteeLine::of).toList();
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

    private static Object json(List<?> value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
