package fr.instruire.instruction;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.CommitteeAgenda;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * Stores the instruction: the dossier's score, and the funding the decision table computed; the dossier then waits
 * for the committee. The score is the process variable {@code score} (out of {@code maxScore}) when the model computed
 * one (Facilisoins: the selection grid's decision table); otherwise the sum of ESMS numérique's five priorisation
 * criteria.
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
    private final DossierFacts facts;
    private final CommitteeAgenda agenda;

    RecordInstructionDelegate(Dossiers dossiers, DossierFacts facts, CommitteeAgenda agenda) {
        this.dossiers = dossiers;
        this.facts = facts;
        this.agenda = agenda;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int score;
        int max;
        if (execution.getVariable("score") instanceof Number computed) {
            score = computed.intValue();
            max = execution.getVariable("maxScore") instanceof Number m ? m.intValue() : 0;
            if (score < 0 || (max > 0 && score > max)) {
                throw new IllegalStateException("Score hors bornes : " + score + "/" + max);
            }
        } else {
            score = esmsScore(execution);
            max = maxScore();
        }
        if (!(execution.getVariable("grantAmount") instanceof Number grantValue)) {
            throw new IllegalStateException("Variable « grantAmount » manquante : la table de financement n'a rien calculé");
        }
        long grant = grantValue.longValue();
        var number = execution.getProcessBusinessKey();
        var comment = execution.getVariable("instructionComment");
        dossiers.recordInstruction(number, score, grant);
        if (max > 0 && execution.hasVariable("maxScore")) {
            facts.set(number, "maxScore", max);
        }
        dossiers.recordEvent(number, Actors.lastTaskCompleter(execution), "INSTRUCTION",
                String.format(Locale.FRENCH, "Score %d%s — financement %,d € — %s", score, max > 0 ? "/" + max : "",
                        grant, comment == null ? "" : comment));
        agenda.refresh((String) execution.getVariable("campaignKey"));
    }

    private static int esmsScore(DelegateExecution execution) {
        int score = 0;
        for (var criterion : CRITERIA) {
            if (!(execution.getVariable(criterion) instanceof Number n) || n.intValue() < 0 || n.intValue() > MAX_PER_CRITERION) {
                throw new IllegalStateException("Note manquante ou hors de 0 à 5 : " + criterion);
            }
            score += ((Number) execution.getVariable(criterion)).intValue();
        }
        return score;
    }
}
