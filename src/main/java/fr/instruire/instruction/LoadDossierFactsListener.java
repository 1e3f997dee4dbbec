package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;

/**
 * At the start of a business rule task, gives the decision the dossier's facts as transient variables: the
 * decision reads them (and Cockpit's decision history keeps them), but they are never stored as process variables.
 */
@Component("loadDossierFacts")
class LoadDossierFactsListener implements ExecutionListener {

    private final Dossiers dossiers;

    LoadDossierFactsListener(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        dossiers.get(execution.getProcessBusinessKey()).decisionFacts()
                .forEach((name, value) -> execution.setVariable(name, Variables.untypedValue(value, true)));
    }
}
