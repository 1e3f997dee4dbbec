package fr.instruire.campaign;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.submission.FormRows;
import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * Checks a sitting's decisions on the server before the task completes (a form validates only in the browser): each
 * names an instructed dossier of the instance's campaign — its business key, never a variable — as the tables say at
 * this moment, so a refusal lists that campaign's dossiers only, and the last sitting cannot leave out a dossier
 * instructed after its form was read. The other fields of a decision's row in the step's form (a rate, an amount)
 * must be recordable as the dossier's facts.
 */
@Component("recordCommitteeSitting")
class RecordCommitteeSittingListener implements TaskListener {

    private final Dossiers dossiers;
    private final ProcessCampaign campaign;

    RecordCommitteeSittingListener(Dossiers dossiers, ProcessCampaign campaign) {
        this.dossiers = dossiers;
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        var campaignKey = campaign.ofCampaignInstance(task);
        List<CommitteeDecision> decisions;
        try {
            decisions = CommitteeDecision.read(task.getVariable(CommitteeDecision.COMMITTEE_DECISIONS));
        } catch (IllegalArgumentException e) {
            throw new TaskRefusal(e.getMessage());
        }
        var listed = new HashSet<>(dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(d -> d.number()).toList());
        boolean last = Boolean.TRUE.equals(task.getVariable("lastSitting"));
        var factFields = CommitteeDecision.factFields(FormRows.of(task.getProcessDefinitionId(), CommitteeDecision.COMMITTEE_DECISIONS));
        var errors = CommitteeDecision.check(decisions, listed, last, factFields);
        if (!errors.isEmpty()) {
            throw new TaskRefusal("Décisions du comité incomplètes : " + errors.stream()
                    .map(e -> e.field() + " : " + e.message()).collect(Collectors.joining(" ; ")));
        }
        Actors.completer(task);
        if (task.getVariable("lastSitting") == null) {
            task.setVariable("lastSitting", false);
        }
    }
}
