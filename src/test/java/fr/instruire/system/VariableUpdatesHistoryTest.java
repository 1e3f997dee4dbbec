package fr.instruire.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At history level full, a variable's history keeps its last value and, by default, not a row for each value it held;
 * decisions, the user operation log and the rest of the history stay. With the switch on, every value is kept again.
 */
class VariableUpdatesHistoryTest {

    ProcessEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aVariableWrittenThreeTimesKeepsItsLastValueAndNoRowPerValue() {
        engine = engine(false);
        var instance = writeThreeTimes();

        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("decision").singleResult().getValue()).isEqualTo("RETENU");
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isPositive();
        assertThat(engine.getHistoryService().createUserOperationLogQuery().count()).isPositive();
    }

    @Test
    void withTheSwitchOnEveryValueIsKept() {
        engine = engine(true);
        var instance = writeThreeTimes();

        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list())
                .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue())
                .containsExactlyInAnyOrder("AJOURNE", "NON_RETENU", "RETENU");
    }

    private String writeThreeTimes() {
        engine.getRepositoryService().createDeployment().addModelInstance("attente.bpmn", Bpmn.createExecutableProcess("attente")
                .camundaHistoryTimeToLive(1).startEvent().userTask("Activity_Attendre").endEvent().done()).deploy();
        var instance = engine.getRuntimeService().startProcessInstanceByKey("attente", Map.of("decision", "AJOURNE")).getId();
        engine.getIdentityService().setAuthenticatedUserId("comite");
        engine.getRuntimeService().setVariable(instance, "decision", "NON_RETENU");
        engine.getRuntimeService().setVariable(instance, "decision", "RETENU");
        engine.getIdentityService().clearAuthentication();
        return instance;
    }

    private static ProcessEngine engine(boolean kept) {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:history-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        configuration.setHistory("full");
        configuration.setProcessEngineName("history-" + System.nanoTime());
        configuration.setProcessEnginePlugins(List.of(new VariableUpdatesHistory(kept)));
        return configuration.buildProcessEngine();
    }
}
