package fr.instruire.instruction;

import java.util.Collection;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * When a reviewer completes « Vérifier la recevabilité »: checks the form on the server, then records the
 * decision, who took it and why, beside what the rules said.
 */
@Component("recordAdmissibilityReview")
class RecordAdmissibilityReviewListener implements TaskListener {

    static final String RULES_BEFORE_REVIEW = "rulesBeforeReview";
    private static final Set<String> DECISIONS = Set.of("RECEVABLE", "COMPLEMENTS", "IRRECEVABLE");
    private final Dossiers dossiers;

    RecordAdmissibilityReviewListener(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void notify(DelegateTask task) {
        var decision = (String) task.getVariable("recevabiliteDecision");
        var comment = text(task.getVariable("recevabiliteComment"));
        var request = text(task.getVariable("complementsRequest"));
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new TaskRefusal("Choisissez une décision de recevabilité : recevable, compléments ou irrecevable.");
        }
        if ("COMPLEMENTS".equals(decision) && request.isEmpty()) {
            throw new TaskRefusal("Précisez les compléments demandés au candidat.");
        }
        if ("IRRECEVABLE".equals(decision) && comment.isEmpty()) {
            throw new TaskRefusal("Motivez l'irrecevabilité : le motif est notifié au candidat.");
        }
        // the rules' verdict, when rules ran before this review (a call may review without rules: a letter of intent)
        var evaluated = task.getVariable("admissibilityReasons");
        boolean rulesRefuse = evaluated instanceof Collection<?> failed && !failed.isEmpty();
        // where the rules run before the review (the task's input rulesBeforeReview), declaring admissible a dossier
        // they refuse departs from the call's rules: the reviewer says why, and the dossier's history keeps it
        boolean rulesBefore = Boolean.parseBoolean(String.valueOf(task.getVariable(RULES_BEFORE_REVIEW)));
        if ("RECEVABLE".equals(decision) && rulesBefore && rulesRefuse && comment.isEmpty()) {
            throw new TaskRefusal("Les règles de recevabilité de l'appel ne sont pas satisfaites ("
                    + String.join(" ; ", ((Collection<?>) evaluated).stream().map(String::valueOf).toList())
                    + ") : motivez votre décision de déclarer le dossier recevable.");
        }
        var number = task.getExecution().getProcessBusinessKey();
        var actor = Actors.completer(task);
        var rules = evaluated instanceof Collection<?> reasons && !reasons.isEmpty()
                ? " (règles : " + String.join(" ; ", reasons.stream().map(String::valueOf).toList()) + ")"
                : evaluated != null ? " (règles : aucun critère en défaut)" : "";
        switch (decision) {
            case "RECEVABLE" -> {
                dossiers.recordEvent(number, actor, "ADMISSIBILITY_REVIEW", (rulesBefore && rulesRefuse ? "Recevable malgré les règles" : "Recevable")
                        + (comment.isEmpty() ? "" : " — " + comment) + rules);
                dossiers.updateStatus(number, DossierStatus.UNDER_INSTRUCTION);
            }
            case "COMPLEMENTS" -> dossiers.recordEvent(number, actor, "ADMISSIBILITY_REVIEW", "Compléments demandés — " + request + rules);
            default -> {
                dossiers.recordEvent(number, actor, "ADMISSIBILITY_REVIEW", "Irrecevable" + rules);
                dossiers.recordEvent(number, actor, "INADMISSIBLE", comment);
                dossiers.updateStatus(number, DossierStatus.INADMISSIBLE);
            }
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
