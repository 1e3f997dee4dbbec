package fr.instruire.models.idfparcours;

import static fr.instruire.models.idfparcours.IdfParcoursCampaign.Elements.*;
import static fr.instruire.models.idfparcours.IdfParcoursCampaign.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session's calendar, with the 2017 session's dates as variables and the clock driven by the test: letters of intent
 * from 1 July to 31 July 2017 inclusive, dossiers at the DGOS for 15 September 2017.
 */
@Deployment(resources = IdfParcoursCampaign.BPMN)
class IdfParcoursCampaignProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String CAMPAIGN = "idf-parcours-2017";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Date CREATED_AT = startOf(LocalDate.of(2017, 6, 20));
    private static final Date LETTERS_OPEN_ON = startOf(LocalDate.of(2017, 7, 1));
    /** Exclusive: the end of 31 July, « La date limite de l'envoi est fixée au 31 juillet 2017 ». */
    private static final Date LETTERS_CLOSE_ON = startOf(LocalDate.of(2017, 8, 1));
    /** « les demandes devant parvenir à la DGOS pour le 15 septembre ». */
    private static final Date DGOS_DEADLINE_ON = startOf(LocalDate.of(2017, 9, 15));

    @BeforeEach
    void clock() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(CREATED_AT);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theSessionFollowsItsCalendarFromTheLettersToTheDgosDeadline() {
        var session = runtimeService().startProcessInstanceByKey(IdfParcoursCampaign.PROCESS_ID, CAMPAIGN, withVariables(
                SUBMISSION_OPENS_AT, LETTERS_OPEN_ON,
                SUBMISSION_CLOSES_AT, LETTERS_CLOSE_ON,
                SELECTION_OPENS_AT, LETTERS_OPEN_ON,
                SELECTION_CLOSES_AT, DGOS_DEADLINE_ON,
                DGOS_DEADLINE, DGOS_DEADLINE_ON));

        assertThat(session).isWaitingAt(DEPOT_LETTRES_OUVERT);
        assertThat(timer(session).getDuedate()).isEqualTo(LETTERS_OPEN_ON);
        passTime(session, LETTERS_OPEN_ON);

        assertThat(session).isWaitingAt(DATE_LIMITE_LETTRES_ATTEINTE);
        assertThat(timer(session).getDuedate()).isEqualTo(LETTERS_CLOSE_ON);
        passTime(session, LETTERS_CLOSE_ON);

        assertThat(session).isWaitingAt(ECHEANCE_DGOS_ATTEINTE);
        assertThat(timer(session).getDuedate()).as("the call's own variable, not a literal").isEqualTo(DGOS_DEADLINE_ON);
        passTime(session, DGOS_DEADLINE_ON);

        assertThat(session).isEnded().hasPassedInOrder(SESSION_OUVERTE, DEPOT_LETTRES_OUVERT, DATE_LIMITE_LETTRES_ATTEINTE,
                ECHEANCE_DGOS_ATTEINTE, SESSION_CLOSE);
    }

    @Test
    void aLaterSessionIsTheSameModelWithItsOwnDates() {
        // « Pour 2018 et 2019, les dossiers devront être déposés au 1er juin de chaque année. »
        var lettersClose = startOf(LocalDate.of(2018, 6, 2));
        var dgosDeadline = startOf(LocalDate.of(2018, 7, 15));
        ClockUtil.setCurrentTime(startOf(LocalDate.of(2018, 5, 2)));
        var session = runtimeService().startProcessInstanceByKey(IdfParcoursCampaign.PROCESS_ID, "idf-parcours-2018",
                withVariables(SUBMISSION_OPENS_AT, startOf(LocalDate.of(2018, 4, 1)), SUBMISSION_CLOSES_AT, lettersClose,
                        SELECTION_OPENS_AT, startOf(LocalDate.of(2018, 4, 1)), SELECTION_CLOSES_AT, dgosDeadline,
                        DGOS_DEADLINE, dgosDeadline));

        execute(timer(session)); // opened in the past: the timer is due at once
        assertThat(session).isWaitingAt(DATE_LIMITE_LETTRES_ATTEINTE);
        assertThat(timer(session).getDuedate()).isEqualTo(lettersClose);
        passTime(session, lettersClose);
        assertThat(timer(session).getDuedate()).isEqualTo(dgosDeadline);
    }

    private static void passTime(ProcessInstance session, Date to) {
        ClockUtil.setCurrentTime(to);
        execute(timer(session));
    }

    private static Job timer(ProcessInstance session) {
        return managementService().createJobQuery().processInstanceId(session.getId()).timers().singleResult();
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(PARIS).toInstant());
    }
}
