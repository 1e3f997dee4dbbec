package fr.instruire.intake.mail;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;

/** « Enregistrer la candidature reçue »: the message becomes a dossier, as if its subject had been the prescribed one. */
@Component("createDossierFromMail")
class CreateDossierFromMailDelegate implements JavaDelegate {

    private final MailIntake intake;

    CreateDossierFromMailDelegate(MailIntake intake) {
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = intake.newDossierFromTriage(CheckMailTriageListener.inboundMailId(execution),
                Actors.lastTaskCompleter(execution));
        execution.setVariable(MailTriage.DOSSIER_NUMBER, number);
    }
}
