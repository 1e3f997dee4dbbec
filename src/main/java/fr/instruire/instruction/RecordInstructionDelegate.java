package fr.instruire.instruction;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Stores the instruction: the dossier's score and its funding, both computed here on the server
 * ({@link InstructionResults}: the call's decision tables on the stored facts and the reviewer's marks) — never read
 * from a {@code score}, {@code maxScore} or {@code grantAmount} variable a submission could have written. The process
 * variables {@code score}, {@code maxScore} (when the call has a selection table) and {@code grantAmount} are set to
 * what was stored; the dossier then waits for the committee. Nothing is written into the campaign's instance: a
 * committee's or a national selection's list is computed from the tables when its form is read.
 */
@Component("recordInstruction")
class RecordInstructionDelegate implements JavaDelegate {

    private final Dossiers dossiers;
    private final DossierFacts facts;
    private final InstructionResults results;

    RecordInstructionDelegate(Dossiers dossiers, DossierFacts facts, InstructionResults results) {
        this.dossiers = dossiers;
        this.facts = facts;
        this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var result = results.compute(number, execution.getVariables());
        var comment = execution.getVariable("instructionComment");
        dossiers.recordInstruction(number, result.score(), result.grant());
        // the score's maximum is the call's: the dossier page and list show the score out of it
        facts.set(number, "maxScore", result.maxScore());
        execution.setVariable("score", result.score());
        execution.setVariable("maxScore", result.maxScore());
        if (result.grant() != null) {
            execution.setVariable("grantAmount", result.grant());
        }
        dossiers.recordEvent(number, Actors.lastTaskCompleter(execution), "INSTRUCTION",
                String.format(Locale.FRENCH, "Score %d/%d — %s — %s", result.score(), result.maxScore(),
                        result.grant() == null ? "financement décidé plus tard" : String.format(Locale.FRENCH, "financement %,d €", result.grant()),
                        comment == null ? "" : comment));
    }
}
