package fr.instruire.calls.facilisoins;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;
import fr.instruire.campaign.ProcessCampaign;

/**
 * {@code checkSelectionProposal}, complete listener of the national team's « Proposer la sélection »: the form's
 * {@code selectionProposal} is checked on the server (a form validates only in the browser) — one row per instructed
 * dossier of the instance's campaign (its business key), each proposed (RETENU) or not (NON_RETENU) — then recorded
 * ({@code selection_proposal}): the CTIS gives its opinion on that record and cannot change it.
 */
@Component("checkSelectionProposal")
class CheckSelectionProposalListener implements TaskListener {

    private final CtisOpinions opinions;
    private final ProcessCampaign campaign;

    CheckSelectionProposalListener(CtisOpinions opinions, ProcessCampaign campaign) {
        this.opinions = opinions;
        this.campaign = campaign;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            opinions.propose(campaign.ofCampaignInstance(task),
                    CtisOpinions.read(task.getVariable(SelectionAgenda.SELECTION_PROPOSAL)), Actors.completer(task));
        } catch (IllegalArgumentException e) {
            throw new TaskRefusal(e.getMessage());
        }
    }
}
