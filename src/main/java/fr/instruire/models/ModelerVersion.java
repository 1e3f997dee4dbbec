package fr.instruire.models;

import java.time.Instant;

/**
 * A model's latest version deployed from outside the application (Camunda Modeler, the REST API) whose content the
 * repository's file does not hold.
 *
 * @param file              the repository's file, as the start deploys it
 * @param key               the process, decision or form key
 * @param version           the version the engine runs
 * @param deploymentId      its deployment
 * @param deployedAt        when it was deployed
 * @param repositoryHeldBack {@code true} when the repository's file changed since the application last deployed it and
 *                          this start did not deploy it, to keep the process owner's version
 */
public record ModelerVersion(String file, String key, int version, String deploymentId, Instant deployedAt,
        boolean repositoryHeldBack) {
}
