package fr.instruire.instruction;

import java.util.LinkedHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;

/**
 * At the start of a business rule task, gives the decision the dossier's facts — its columns and its call-specific
 * facts ({@link DossierFacts}) — as transient variables: the
 * decision reads them (and Cockpit's decision history keeps them), but they are never stored as process variables.
 * A fact named like a stored process variable does not replace it.
 */
@Component("loadDossierFacts")
class LoadDossierFactsListener implements ExecutionListener {

    private final Dossiers dossiers;
    private final DossierFacts facts;

    LoadDossierFactsListener(Dossiers dossiers, DossierFacts facts) {
        this.dossiers = dossiers;
        this.facts = facts;
    }

    @Override
    public void notify(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var all = new LinkedHashMap<>(dossiers.get(number).decisionFacts());
        all.putAll(facts.of(number));
        all.forEach((name, value) -> {
            // a process variable of that name (Facilisoins: arsOpinion, the opinion task's output) is the model's own:
            // it is left as it is — a transient value cannot replace a stored one
            var existing = execution.getVariableTyped(name);
            if (existing == null || existing.isTransient()) {
                execution.setVariable(name, Variables.untypedValue(value, true));
            }
        });
    }
}
