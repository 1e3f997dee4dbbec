package fr.instruire.instruction;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * {@code recordOpinion}, complete listener of an opinion task: task input {@code opinionOf} ({@code ARS}, {@code CPAM}
 * or any label), form variables {@code opinion} (FAVORABLE | RESERVE | DEFAVORABLE) and {@code opinionText} (required
 * unless favorable). Stores the facts {@code arsOpinion}/{@code arsOpinionText} (…) and a history event, then removes
 * {@code opinion} and {@code opinionText} from the process: the parallel partner's form starts blank.
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
        task.getExecution().removeVariable(OPINION);
        task.getExecution().removeVariable(OPINION_TEXT);
    }
}
