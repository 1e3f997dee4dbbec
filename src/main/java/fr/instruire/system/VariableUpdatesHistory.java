package fr.instruire.system;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's history keeps each process variable's last value ({@code act_hi_varinst}) but not, by default, a row for
 * every value it held ({@code act_hi_detail}, with its copy in {@code act_ge_bytearray} for JSON values). At history
 * level {@code full} those rows were a quarter of a dossier's bytes in the benchmark (README « Performance ») and nothing
 * reads them: Tasklist and Cockpit (Community edition) do not show them, a dossier's story is its own history
 * ({@code dossier_event}: who decided what, when), and who completed, claimed or changed a task is in the engine's user
 * operation log, which stays. Everything else of level {@code full} stays too: decisions with their inputs and outputs,
 * incidents, the job log, identity links. The history level recorded in the database is unchanged (an existing
 * database starts as before); {@code instruire.history.variable-updates=true} keeps every value again.
 */
@Component
class VariableUpdatesHistory extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(VariableUpdatesHistory.class);

    private final boolean kept;

    VariableUpdatesHistory(@Value("${instruire.history.variable-updates:false}") boolean kept) {
        this.kept = kept;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (kept) {
            return;
        }
        var handlers = new ArrayList<>(configuration.getCustomHistoryEventHandlers() == null
                ? java.util.List.of() : configuration.getCustomHistoryEventHandlers());
        handlers.add(0, new WithoutVariableUpdates());
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        LOG.info("Historique : dernière valeur de chaque variable, sans une ligne par valeur (instruire.history.variable-updates)");
    }

    /** The engine's own handler, writing every event but the variable updates' detail rows. */
    static class WithoutVariableUpdates extends DbHistoryEventHandler {

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return false;
        }
    }
}
