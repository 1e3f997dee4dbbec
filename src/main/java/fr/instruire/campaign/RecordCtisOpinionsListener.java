package fr.instruire.campaign;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * {@code recordCtisOpinions}, on the CTIS's task. As a create listener: pre-fills {@code ctisOpinions} (dynamic list
 * {@code dossierNumber}, {@code organisation}, {@code opinion}, {@code text}) with one line per dossier the selection
 * retained ({@code committeeDecisions} RETENU). As a complete listener: checks that every proposed dossier has an
 * opinion FAVORABLE or DEFAVORABLE (motivated when unfavourable), then stores facts {@code ctisOpinion} and
 * {@code ctisOpinionText} and a history event on each.
 */
@Component("recordCtisOpinions")
class RecordCtisOpinionsListener implements TaskListener {

    static final String CTIS_OPINIONS = "ctisOpinions";

    private final CtisOpinions opinions;

    RecordCtisOpinionsListener(CtisOpinions opinions) {
        this.opinions = opinions;
    }

    @Override
    public void notify(DelegateTask task) {
        var proposed = CtisOpinions.proposed(task.getVariable("committeeDecisions"));
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().setVariable(CTIS_OPINIONS, CommitteeAgenda.json(opinions.blank(proposed)));
            return;
        }
        try {
            opinions.record(CtisOpinions.read(task.getVariable(CTIS_OPINIONS)), proposed, Actors.completer(task));
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
    }
}
