package fr.instruire.intake.mail;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/** « Écarter le courriel »: the registry keeps the message, who discarded it and why. */
@Component("discardMail")
class DiscardMailDelegate implements JavaDelegate {

    private final MailIntake intake;

    DiscardMailDelegate(MailIntake intake) {
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution execution) {
        intake.discard(CheckMailTriageListener.inboundMailId(execution),
                ((String) execution.getVariable(MailTriage.DISCARD_REASON)).trim(), Actors.lastTaskCompleter(execution));
    }
}
