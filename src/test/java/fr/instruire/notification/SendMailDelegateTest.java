package fr.instruire.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SendMailDelegateTest {

    final Mailer mailer = mock(Mailer.class);
    final DelegateExecution execution = mock(DelegateExecution.class);

    @Test
    void sendsTheTemplateOfItsInputToTheDossierOfTheBusinessKey() {
        when(execution.getVariableLocal("template")).thenReturn("demande-complements");
        when(execution.getProcessBusinessKey()).thenReturn("ESMS-2021-0007");

        new SendMailDelegate(mailer).execute(execution);

        verify(mailer).send("demande-complements", "ESMS-2021-0007", null, false, Map.of());
    }

    @Test
    void aTrancheMailSaysWhichTranche() {
        when(execution.getVariableLocal("template")).thenReturn("versement-tranche");
        when(execution.getVariableLocal("tranche")).thenReturn("parametrage");
        when(execution.getProcessBusinessKey()).thenReturn("ESMS-2021-0007");

        new SendMailDelegate(mailer).execute(execution);

        verify(mailer).send("versement-tranche", "ESMS-2021-0007", null, false, Map.of("tranche", "parametrage"));
    }

    @Test
    void aFailedSendFailsTheJobSoThatItIsRetried() {
        when(execution.getVariableLocal("template")).thenReturn("decision");
        when(execution.getProcessBusinessKey()).thenReturn("ESMS-2021-0007");
        when(mailer.send("decision", "ESMS-2021-0007", null, false, Map.of())).thenThrow(new MailSendException("Connexion refusée"));

        assertThatThrownBy(() -> new SendMailDelegate(mailer).execute(execution))
                .isInstanceOf(MailSendException.class);
    }
}
