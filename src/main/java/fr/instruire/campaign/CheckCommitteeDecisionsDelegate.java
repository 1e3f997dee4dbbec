package fr.instruire.campaign;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.springframework.stereotype.Component;

import fr.instruire.submission.FormRows;

/**
 * Checks the whole of a sitting's decisions before any is sent and writes {@code decidedDossierGroups}, the numbers of
 * the dossiers to send a decision to, by groups of {@value #GROUP_SIZE}: the model sends each group in a multi-instance
 * of its own within a multi-instance of groups, because Camunda's parallel multi-instance reads all its branches each
 * time one ends — one level of 10 000 branches made a sitting's transmission grow with the square of its decisions
 * (measured: 2 000 empty branches 61 s, 4 000 216 s; by groups of 100, 37 s and 88 s). The campaign is the instance's business key, never a variable; each decided
 * dossier must be of that campaign and INSTRUCTED, once, with a known decision, and the other fields its row has in the
 * step's form (read from the forms deployed with the instance's definition) must be recordable as facts — otherwise the
 * job fails into an incident and no decision is sent.
 */
@Component("checkCommitteeDecisions")
class CheckCommitteeDecisionsDelegate implements JavaDelegate {

    static final String DECIDED_DOSSIER_GROUPS = "decidedDossierGroups";
    static final int GROUP_SIZE = 100;
    /** What models deployed before the groups read: every number in one list. */
    static final String DECIDED_DOSSIERS = "decidedDossiers";

    private final DecisionTransmission transmission;
    private final ProcessCampaign campaign;

    CheckCommitteeDecisionsDelegate(DecisionTransmission transmission, ProcessCampaign campaign) {
        this.transmission = transmission;
        this.campaign = campaign;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var decided = transmission.decidedDossiers(campaign.ofCampaignInstance(execution),
                execution.getVariable(CommitteeDecision.COMMITTEE_DECISIONS),
                FormRows.of(execution.getProcessDefinitionId(), CommitteeDecision.COMMITTEE_DECISIONS));
        execution.setVariable(DECIDED_DOSSIER_GROUPS, groups(decided));
        if (sendsOneFlatList(execution)) {
            execution.setVariable(DECIDED_DOSSIERS, decided);
        }
    }

    /**
     * An instance of a campaign model deployed before the groups (its sitting still open when the platform was
     * upgraded) sends its decisions from one multi-instance over {@code decidedDossiers}: it gets that list too.
     */
    private static boolean sendsOneFlatList(DelegateExecution execution) {
        return execution.getBpmnModelInstance().getModelElementsByType(MultiInstanceLoopCharacteristics.class).stream()
                .anyMatch(loop -> ("${" + DECIDED_DOSSIERS + "}").equals(loop.getCamundaCollection()));
    }

    /** Consecutive groups of at most {@value #GROUP_SIZE}; ArrayLists, which the engine's deserialisation allow-list accepts. */
    static ArrayList<ArrayList<String>> groups(List<String> numbers) {
        var groups = new ArrayList<ArrayList<String>>();
        for (int from = 0; from < numbers.size(); from += GROUP_SIZE) {
            groups.add(new ArrayList<>(numbers.subList(from, Math.min(numbers.size(), from + GROUP_SIZE))));
        }
        return groups;
    }
}
