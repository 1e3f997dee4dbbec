package fr.instruire.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.call.FactType;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.submission.TaskFormValues;
import fr.instruire.system.JsonValues;

/**
 * The lists a campaign's selection tasks show, computed from the tables each time the task's form is read, never
 * stored in a process variable ({@link TaskFormValues}): instructing a dossier writes nothing into its campaign's
 * instance, and a dossier instructed after a sitting opened is on its list the next time the form is read. A task
 * shows a committee's agenda when its create listener ({@code prepareCommitteeSitting}) marked it {@link #COMMITTEE}:
 * {@code committeeList} — the dossiers instructed so far, best score first, with each region's share and the call's
 * list columns (its descriptor's {@code views.list}, in words, by fact key) —,
 * {@code committeeDecisions} — one decision row per dossier, pre-filled for the form — and {@code committeeListSize}.
 * The submission contract compares a submitted list with these values computed at that moment, and the completion's
 * listeners check the decisions against the tables; what a completion submits is stored as any submission is.
 */
@Component
class CommitteeAgenda implements TaskFormValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The marker of a committee sitting's task ({@link TaskFormValues#MARKER}). */
    static final String COMMITTEE = "committee";
    static final String COMMITTEE_LIST = "committeeList";
    static final String COMMITTEE_LIST_SIZE = "committeeListSize";
    static final Set<String> COMMITTEE_VALUES = Set.of(COMMITTEE_LIST, CommitteeDecision.COMMITTEE_DECISIONS, COMMITTEE_LIST_SIZE);

    private final Dossiers dossiers;
    private final ProcessCampaign campaign;
    private final CallFacts callFacts;

    CommitteeAgenda(Dossiers dossiers, ProcessCampaign campaign, CallFacts callFacts) {
        this.callFacts = callFacts;
        this.dossiers = dossiers;
        this.campaign = campaign;
    }

    @Override
    public Set<String> names(DelegateTask task) {
        return TaskFormValues.marked(task, COMMITTEE) ? COMMITTEE_VALUES : Set.of();
    }

    @Override
    public Map<String, TypedValue> values(DelegateTask task) {
        return TaskFormValues.marked(task, COMMITTEE) ? committee(campaign.ofCampaignInstance(task)) : Map.of();
    }

    /** The sitting form's lists for the campaign's instructed dossiers, now. */
    Map<String, TypedValue> committee(String campaignKey) {
        var lines = dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(d -> CommitteeLine.of(d, callFacts)).toList();
        // beside the committee's own columns, the call's list columns (its descriptor's views.list), in words
        var call = callFacts.callOfCampaign(campaignKey);
        var list = lines.stream().map(l -> {
            Map<String, Object> row = new LinkedHashMap<>();
            var facts = callFacts.of(call, l.dossierNumber());
            call.view(call.listView()).forEach(f -> row.put(f.key(), f.type() == FactType.RECORDS
                    && facts.get(f.key()) instanceof List<?> rows ? String.valueOf(rows.size()) : f.words(facts.get(f.key()))));
            row.put("dossierNumber", l.dossierNumber());
            row.put("organisation", l.organisation());
            row.put("projectTitle", l.projectTitle());
            row.put("score", l.score());
            row.put("grantAmount", l.grantAmount());
            row.put("regionalShares", l.regionalSharesText());
            return row;
        }).toList();
        var decisions = lines.stream().map(l -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dossierNumber", l.dossierNumber());
            row.put("decision", "");
            row.put("reason", "");
            return row;
        }).toList();
        var values = new LinkedHashMap<String, TypedValue>();
        values.put(COMMITTEE_LIST, JsonValues.of(list));
        values.put(CommitteeDecision.COMMITTEE_DECISIONS, JsonValues.of(decisions));
        values.put(COMMITTEE_LIST_SIZE, Variables.integerValue(lines.size()));
        return values;
    }
}
