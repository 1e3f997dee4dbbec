package fr.instruire.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;

/**
 * When a sitting opens, lists the dossiers instructed so far, best score first, with each ARS's share, and
 * pre-fills one decision line per dossier for the committee's form.
 */
@Component("prepareCommitteeSitting")
class PrepareCommitteeSittingListener implements TaskListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Dossiers dossiers;

    PrepareCommitteeSittingListener(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void notify(DelegateTask task) {
        var campaignKey = (String) task.getVariable("campaignKey");
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
        task.setVariable("committeeList", json(list));
        task.setVariable("committeeDecisions", json(decisions));
        task.setVariable("committeeListSize", lines.size());
    }

    private static Object json(List<?> value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
