package fr.instruire.campaign;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * {@code checkSelectionProposal}, complete listener of the national team's « Proposer la sélection »: the form's
 * {@code selectionProposal} is checked on the server (a form validates only in the browser) — one row per instructed
 * dossier, each proposed (RETENU) or not (NON_RETENU) — before it goes to the CTIS.
 */
@Component("checkSelectionProposal")
class CheckSelectionProposalListener implements TaskListener {

    private final CtisOpinions opinions;

    CheckSelectionProposalListener(CtisOpinions opinions) {
        this.opinions = opinions;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            opinions.checkProposal((String) task.getVariable("campaignKey"),
                    CtisOpinions.read(task.getVariable(SelectionAgenda.SELECTION_PROPOSAL)));
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
        Actors.completer(task);
    }
}
