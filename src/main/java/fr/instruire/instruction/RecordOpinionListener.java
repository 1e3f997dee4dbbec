package fr.instruire.instruction;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * {@code recordOpinion}, complete listener of an opinion task: task input {@code opinionOf} ({@code ARS}, {@code CPAM}
 * or any label), form variables {@code opinion} (FAVORABLE | RESERVE | DEFAVORABLE) and {@code opinionText} (required
 * unless favorable). Stores the facts {@code arsOpinion}/{@code arsOpinionText} (…) and a history event. All three are read with
 * {@code task.getVariable}: the model maps them as inputs of the activity ({@code opinion}/{@code opinionText} start
 * {@code null} there, so two parallel opinion tasks never share them) and its output mapping copies {@code opinion}
 * to {@code arsOpinion}/{@code cpamOpinion} after completion — so they are left in place.
 */
@Component("recordOpinion")
class RecordOpinionListener implements TaskListener {

    static final String OPINION_OF = "opinionOf";
    static final String OPINION = "opinion";
    static final String OPINION_TEXT = "opinionText";

    private final Opinions opinions;

    RecordOpinionListener(Opinions opinions) {
        this.opinions = opinions;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            opinions.record(task.getExecution().getProcessBusinessKey(), (String) task.getVariable(OPINION_OF),
                    task.getVariable(OPINION), task.getVariable(OPINION_TEXT), Actors.completer(task));
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
    }
}
