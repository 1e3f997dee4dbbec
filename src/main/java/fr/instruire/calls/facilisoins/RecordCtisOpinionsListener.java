package fr.instruire.calls.facilisoins;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;
import fr.instruire.system.JsonValues;
import fr.instruire.campaign.ProcessCampaign;

/**
 * {@code recordCtisOpinions}, complete listener of the CTIS's task. Its form edits the national team's
 * {@code selectionProposal} rows ({@code dossierNumber}, {@code proposal} RETENU | NON_RETENU, {@code reason}), adding
 * {@code ctisOpinion} FAVORABLE | DEFAVORABLE and {@code ctisComment} (required when unfavourable). Checks every
 * instructed dossier of the instance's campaign (its business key) has one row with a proposal and an opinion (an
 * unknown dossier is refused), and that each row's proposal and reason are the national team's as recorded when it
 * proposed ({@code selection_proposal}: the CTIS gives its opinion, it does not change the proposal), stores
 * facts {@code ctisOpinion}/{@code ctisOpinionText} and a history event on each, then writes {@code committeeDecisions}
 * ({@code dossierNumber}, {@code decision}, {@code reason}) for {@code checkCommitteeDecisions} and
 * {@code notifyCommitteeDecision}: RETENU when proposed and favourable, else NON_RETENU with a French reason.
 */
@Component("recordCtisOpinions")
class RecordCtisOpinionsListener implements TaskListener {

    /** The decisions {@code checkCommitteeDecisions} and {@code notifyCommitteeDecision} read (docs/process-contract.md). */
    static final String COMMITTEE_DECISIONS = "committeeDecisions";

    private final CtisOpinions opinions;
    private final ProcessCampaign campaign;

    RecordCtisOpinionsListener(CtisOpinions opinions, ProcessCampaign campaign) {
        this.opinions = opinions;
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            var rows = CtisOpinions.read(task.getVariable(SelectionAgenda.SELECTION_PROPOSAL));
            var decisions = opinions.record(campaign.ofCampaignInstance(task), rows, Actors.completer(task));
            task.getExecution().setVariable(COMMITTEE_DECISIONS, JsonValues.of(decisions));
        } catch (IllegalArgumentException e) {
            throw new TaskRefusal(e.getMessage());
        }
    }
}
