package fr.instruire.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints {@link ProductionSafety}'s refusal as Spring Boot's "APPLICATION FAILED TO START" block, not a stack trace. */
class UnsafeProductionConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeProductionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Corrigez les variables nommées ci-dessus (voir .env.example). / "
                        + "Fix the variables named above (see .env.example).",
                cause);
    }
}
