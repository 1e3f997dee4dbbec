package fr.instruire.submission;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts into the engine's command chain, inside the command context, the submission contract
 * ({@link SubmissionContractInterceptor}) and its sibling that adds the values computed on reading
 * ({@link TaskFormValuesInterceptor}). The {@link TaskFormValues} beans are looked up when a command needs them, not
 * when the engine is built: they may use beans that need the engine.
 */
@Component
class SubmissionContractPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskFormValues> computedValues;

    SubmissionContractPlugin(ObjectProvider<TaskFormValues> computedValues) {
        this.computedValues = computedValues;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the services' chain (TxRequired): users' commands come that way; the job executor's own chain needs no check
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new SubmissionContractInterceptor(this::providers));
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new TaskFormValuesInterceptor(this::providers));
    }

    private List<TaskFormValues> providers() {
        return computedValues.orderedStream().toList();
    }
}
