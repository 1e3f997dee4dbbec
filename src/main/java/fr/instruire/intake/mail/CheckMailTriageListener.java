package fr.instruire.intake.mail;

import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * When a reviewer completes « Qualifier le courriel »: checks the form on the server (Tasklist's checks are the
 * browser's only) — a choice; for an attachment, a dossier of the message's campaign; for a new dossier, a sender to
 * answer; for a discard, a reason — and records who decided, even without claiming the task. The message is the one
 * the instance was started for — its business key, the message's id in {@code inbound_mail} — and its campaign is the
 * registry's, never a variable: a dossier of another campaign is refused as an unknown one ({@link TaskRefusal}).
 */
@Component("checkMailTriage")
class CheckMailTriageListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of(MailTriage.ATTACH, MailTriage.NEW_DOSSIER, MailTriage.DISCARD);

    private final MailIntake intake;

    CheckMailTriageListener(MailIntake intake) {
        this.intake = intake;
    }

    @Override
    public void notify(DelegateTask task) {
        var decision = text(task.getVariable(MailTriage.DECISION));
        var inboundMailId = inboundMailId(task.getExecution());
        if (!DECISIONS.contains(decision)) {
            throw new TaskRefusal("Choisissez que faire du courriel : le rattacher à un dossier, en faire une "
                    + "nouvelle candidature ou l'écarter.");
        }
        switch (decision) {
            case MailTriage.ATTACH -> {
                var number = text(task.getVariable(MailTriage.ATTACH_TO)).toUpperCase(Locale.ROOT);
                if (number.isEmpty()) {
                    throw new TaskRefusal("Indiquez le numéro du dossier auquel rattacher le courriel.");
                }
                // one answer whether the dossier does not exist or is another campaign's: the form reveals neither
                intake.refusalToAttach(inboundMailId, number).ifPresent(refusal -> {
                    throw new TaskRefusal("Aucun dossier « " + number + " » dans la campagne de ce courriel : vérifiez le numéro.");
                });
                task.setVariable(MailTriage.ATTACH_TO, number);
            }
            case MailTriage.NEW_DOSSIER -> {
                if (!intake.hasSender(inboundMailId)) {
                    throw new TaskRefusal("Ce courriel n'a pas d'expéditeur lisible : il ne peut devenir un "
                            + "dossier. Rattachez-le à un dossier ou écartez-le.");
                }
            }
            default -> {
                var reason = text(task.getVariable(MailTriage.DISCARD_REASON));
                if (reason.isEmpty()) {
                    throw new TaskRefusal("Motivez l'écartement du courriel : le motif est conservé avec lui.");
                }
                if (reason.length() > 4000) {
                    throw new TaskRefusal("Le motif tient en 4000 caractères au plus.");
                }
            }
        }
        Actors.completer(task);
    }

    /** The message a triage instance is about: its business key, the message's id in {@code inbound_mail}. */
    static long inboundMailId(DelegateExecution execution) {
        try {
            return Long.parseLong(execution.getProcessBusinessKey());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Instance " + execution.getProcessInstanceId() + " : la clé métier « "
                    + execution.getProcessBusinessKey() + " » n'est pas l'identifiant d'un courriel reçu", e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
