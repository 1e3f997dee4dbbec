package fr.instruire.instruction;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * {@code recordFacts}, input {@code facts}: the names, comma-separated, of process variables the model computed on the
 * server — a decision's outputs after a business rule task ({@code grantAmount, usageLinkedAmount}) — each kept as a
 * dossier fact with its value (none: the fact is removed). {@code grantAmount}, when named, is also the dossier's grant.
 * What a user task may write is its form's fields only (the submission contract): a model names here what a decision
 * computed, never a form's answer — {@code recordFormFacts} keeps those.
 */
@Component("recordFacts")
class RecordFactsDelegate implements JavaDelegate {

    static final String GRANT_AMOUNT = "grantAmount";

    private final Dossiers dossiers;
    private final DossierFacts facts;

    RecordFactsDelegate(Dossiers dossiers, DossierFacts facts) {
        this.dossiers = dossiers;
        this.facts = facts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var names = execution.getVariableLocal("facts");
        if (!(names instanceof String list) || list.isBlank()) {
            throw new IllegalStateException("recordFacts : l'entrée « facts » (noms de variables séparés par des virgules) manque");
        }
        var recorded = new LinkedHashMap<String, Object>();
        for (var name : Arrays.stream(list.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            var value = execution.getVariable(name);
            facts.set(number, name, value);
            recorded.put(name, value);
            if (GRANT_AMOUNT.equals(name)) {
                if (!(value instanceof Number amount)) {
                    throw new IllegalStateException("Dossier " + number + " : grantAmount n'est pas un montant (" + value + ")");
                }
                dossiers.recordGrant(number, Math.round(amount.doubleValue()));
            }
        }
        dossiers.recordEvent(number, Actors.SYSTEM, "FACTS_RECORDED", recorded.entrySet().stream()
                .map(e -> e.getKey() + " = " + (e.getValue() == null ? "—" : String.format(Locale.FRENCH, "%s", e.getValue())))
                .collect(Collectors.joining(" ; ")));
    }
}
