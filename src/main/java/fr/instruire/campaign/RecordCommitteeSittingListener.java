package fr.instruire.campaign;

import java.util.HashSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/** Checks a sitting's decisions on the server before the task completes (a form validates only in the browser). */
@Component("recordCommitteeSitting")
class RecordCommitteeSittingListener implements TaskListener {

    private final Dossiers dossiers;

    RecordCommitteeSittingListener(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void notify(DelegateTask task) {
        var campaignKey = (String) task.getVariable("campaignKey");
        var decisions = CommitteeDecision.read(task.getVariable("committeeDecisions"));
        var listed = new HashSet<>(dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(d -> d.number()).toList());
        boolean last = Boolean.TRUE.equals(task.getVariable("lastSitting"));
        var errors = CommitteeDecision.check(decisions, listed, last);
        if (!errors.isEmpty()) {
            throw new ProcessEngineException("Décisions du comité incomplètes : " + errors.stream()
                    .map(e -> e.field() + " : " + e.message()).collect(Collectors.joining(" ; ")));
        }
        Actors.completer(task);
        if (task.getVariable("lastSitting") == null) {
            task.setVariable("lastSitting", false);
        }
    }
}
