package fr.instruire.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:delegateExpression="${sendMail}"}, input parameter {@code template}; the dossier is the business
 * key. The task is asynchronous before and after, with a retry cycle: a failed send throws, the job executor retries
 * it, then raises an incident. Never catch here: a swallowed failure is a mail the applicant never gets.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

    static final String TEMPLATE = "template";

    private final Mailer mailer;

    SendMailDelegate(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var template = (String) execution.getVariableLocal(TEMPLATE);
        mailer.send(template, execution.getProcessBusinessKey());
    }
}
