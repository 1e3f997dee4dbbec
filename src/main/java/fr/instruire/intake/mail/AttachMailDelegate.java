package fr.instruire.intake.mail;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/**
 * « Rattacher le courriel au dossier »: its documents and a history line go to the dossier the reviewer named. The
 * message is the instance's business key (its id in {@code inbound_mail}); {@code attachToDossier} refuses a dossier of
 * another campaign than the registry's for that message (the job then fails into an incident).
 */
@Component("attachMailToDossier")
class AttachMailDelegate implements JavaDelegate {

    private final MailIntake intake;

    AttachMailDelegate(MailIntake intake) {
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = (String) execution.getVariable(MailTriage.ATTACH_TO);
        intake.attachToDossier(CheckMailTriageListener.inboundMailId(execution), number,
                Actors.lastTaskCompleter(execution));
        execution.setVariable(MailTriage.DOSSIER_NUMBER, number);
    }
}
