package fr.instruire.instruction;

import java.util.LinkedHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;

/**
 * At the start of a business rule task, gives the decision the dossier's facts — its call's facts, stored and derived
 * ({@link CallFacts}) — so that the rules read the server's record, never what a submission wrote:
 * a fact is set as a transient variable (the decision reads it, Cockpit's decision history keeps it, it is not stored);
 * where a stored process variable of that name exists (a user's submission, or a model's output mapping such as an
 * opinion copied after its task), the stored fact replaces its value — a transient value cannot shadow a stored one.
 */
@Component("loadDossierFacts")
class LoadDossierFactsListener implements ExecutionListener {

    private final Dossiers dossiers;
    private final CallFacts facts;

    LoadDossierFactsListener(Dossiers dossiers, CallFacts facts) {
        this.dossiers = dossiers;
        this.facts = facts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var all = new LinkedHashMap<>(facts.of(number));
        all.forEach((name, value) -> {
            var existing = execution.getVariableTyped(name);
            if (existing == null || existing.isTransient()) {
                execution.setVariable(name, Variables.untypedValue(value, true));
            } else {
                // a stored variable of that name would shadow the fact: the stored fact replaces it (same scope)
                execution.setVariable(name, value);
            }
        });
    }
}
