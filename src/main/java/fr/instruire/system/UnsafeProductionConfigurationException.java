package fr.instruire.system;

import java.util.List;

/** Thrown by {@link ProductionSafety}: the message names each variable to fix, in French then English. */
class UnsafeProductionConfigurationException extends IllegalStateException {

    UnsafeProductionConfigurationException(List<String> problems) {
        super("Instruire refuse de démarrer en production (profil postgres). / "
                + "Instruire refuses to start in production (postgres profile).\n - " + String.join("\n - ", problems));
    }
}
