package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * {@code recordMissingOpinion}, when a partner's opinion task reached its due date unanswered (an interrupting timer on
 * it): the opinion of the model's {@code opinionOf} is recorded « non rendu » — the row of the call's rules for a
 * missing opinion — and the dossier goes on instead of waiting for it forever.
 */
@Component("recordMissingOpinion")
class RecordMissingOpinionDelegate implements JavaDelegate {

    private final Opinions opinions;

    RecordMissingOpinionDelegate(Opinions opinions) {
        this.opinions = opinions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var of = execution.getVariableLocal(RecordOpinionListener.OPINION_OF);
        if (of == null || of.toString().isBlank()) {
            throw new IllegalStateException("recordMissingOpinion : l'entrée « opinionOf » manque à " + execution.getCurrentActivityId());
        }
        opinions.recordMissing(execution.getProcessBusinessKey(), of.toString(), Actors.SYSTEM);
    }
}
