package fr.instruire.notification;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:delegateExpression="${sendMail}"}, input parameters {@code template}, optional {@code to},
 * {@code copyToArs} and {@code tranche}; the dossier is the business key. The task is asynchronous before and after, with a retry cycle: a failed send throws, the job executor retries
 * it, then raises an incident. Never catch here: a swallowed failure is a mail the applicant never gets.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

    static final String TEMPLATE = "template";
    /** Optional: {@code group:<groupId>} (its members' addresses) or an address, instead of the dossier's contact. */
    static final String TO = "to";
    /** Optional: {@code true} copies the ARS mailbox of the dossier's region for its call. */
    static final String COPY_TO_ARS = "copyToArs";

    /** Optional: the key of the dossier's tranche the mail is about ({@code tranche} in the template). */
    static final String TRANCHE = MailVariables.TRANCHE;

    private final Mailer mailer;

    SendMailDelegate(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var template = (String) execution.getVariableLocal(TEMPLATE);
        var to = execution.getVariableLocal(TO);
        var copyToArs = execution.getVariableLocal(COPY_TO_ARS);
        var tranche = execution.getVariableLocal(TRANCHE);
        mailer.send(template, execution.getProcessBusinessKey(), to == null ? null : to.toString(),
                copyToArs != null && Boolean.parseBoolean(copyToArs.toString()),
                tranche == null ? Map.of() : Map.of(TRANCHE, tranche.toString()));
    }
}
