package fr.instruire.instruction;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.CommitteeAgenda;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Stores the instruction: the priorisation criteria's scores, their total, and the funding the decision table
 * computed; the dossier then waits for the committee.
 */
@Component("recordInstruction")
class RecordInstructionDelegate implements JavaDelegate {

    /** The call's « critères de priorisation », as the instruction form names them. */
    static final List<String> CRITERIA = List.of("scoreMotivation", "scorePerimetreFonctionnel", "scoreMutualisation",
            "scoreInteroperabilite", "scorePlateformeRegionale");
    static final int MAX_PER_CRITERION = 5;

    /** The best total score: every criterion at its maximum. */
    static int maxScore() {
        return CRITERIA.size() * MAX_PER_CRITERION;
    }

    private final Dossiers dossiers;
    private final CommitteeAgenda agenda;

    RecordInstructionDelegate(Dossiers dossiers, CommitteeAgenda agenda) {
        this.dossiers = dossiers;
        this.agenda = agenda;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int score = 0;
        for (var criterion : CRITERIA) {
            if (!(execution.getVariable(criterion) instanceof Number n) || n.intValue() < 0 || n.intValue() > MAX_PER_CRITERION) {
                throw new IllegalStateException("Note manquante ou hors de 0 à 5 : " + criterion);
            }
            score += ((Number) execution.getVariable(criterion)).intValue();
        }
        long grant = ((Number) execution.getVariable("grantAmount")).longValue();
        var number = execution.getProcessBusinessKey();
        var comment = execution.getVariable("instructionComment");
        dossiers.recordInstruction(number, score, grant);
        dossiers.recordEvent(number, Actors.lastTaskCompleter(execution), "INSTRUCTION",
                String.format(Locale.FRENCH, "Score %d/%d — financement %,d € — %s", score, CRITERIA.size() * MAX_PER_CRITERION,
                        grant, comment == null ? "" : comment));
        agenda.refresh((String) execution.getVariable("campaignKey"));
    }
}
