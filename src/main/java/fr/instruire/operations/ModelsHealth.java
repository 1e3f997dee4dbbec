package fr.instruire.operations;

import java.time.ZoneId;
import java.util.LinkedHashMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import fr.instruire.models.ModelerVersions;
import fr.instruire.system.French;

/**
 * The models deployed from Camunda Modeler that the repository does not hold, as information: the application stays
 * UP — the engine runs the process owner's version — and the operators see which files to bring back
 * (docs/modeler-changes.md).
 */
@Component("models")
class ModelsHealth implements HealthIndicator {

    private final ModelerVersions modelerVersions;

    ModelsHealth(ModelerVersions modelerVersions) {
        this.modelerVersions = modelerVersions;
    }

    @Override
    public Health health() {
        var versions = modelerVersions.all();
        if (versions.isEmpty()) {
            return Health.up().withDetail("versionsModeler", "aucune : le dépôt contient chaque modèle déployé").build();
        }
        var files = new LinkedHashMap<String, Object>();
        for (var version : versions) {
            var detail = new LinkedHashMap<String, Object>();
            detail.put("cle", version.key());
            detail.put("version", version.version());
            detail.put("deploiement", version.deploymentId());
            detail.put("date", French.dateTime(version.deployedAt(), ZoneId.systemDefault()));
            detail.put("changementDuDepotRetenu", version.repositoryHeldBack());
            files.put(version.file() + (files.containsKey(version.file()) ? " (" + version.key() + ")" : ""), detail);
        }
        return Health.up().withDetail("versionsModeler", files)
                .withDetail("aFaire", "rapporter ces versions dans le dépôt (docs/modeler-changes.md)").build();
    }
}
