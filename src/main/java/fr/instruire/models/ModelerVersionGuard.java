package fr.instruire.models;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import fr.instruire.system.French;

/**
 * A start never silently replaces a process owner's newer version. Before the start deploys the repository's models
 * (the starter's auto-deployment, which runs once the engine is built, after this plugin's
 * {@link #postProcessEngineBuild}), each file is looked at: when the latest version of a process, decision or form it
 * holds was deployed from elsewhere (Camunda Modeler, the REST API) with another content, and the file changed since the
 * application last deployed it, the file is taken out of this start's deployment and a warning names it, the Modeler
 * version and what to do. A file that equals the Modeler version (the change brought back into the repository) deploys
 * as usual; an unchanged repository is left to the engine's duplicate filter, which deploys nothing (and deploys
 * every file together when one changed: the models find their forms and decisions in their own deployment).
 * With {@code instruire.models.replace-modeler-versions=true} the repository wins, on purpose and logged.
 */
@Component
class ModelerVersionGuard extends AbstractProcessEnginePlugin {

    static final String REPLACE_PROPERTY = "instruire.models.replace-modeler-versions";
    private static final Logger LOG = LoggerFactory.getLogger(ModelerVersionGuard.class);

    private final boolean replaceModelerVersions;
    private final ModelerVersions found;
    private ProcessEngineConfigurationImpl configuration;

    ModelerVersionGuard(@Value("${" + REPLACE_PROPERTY + ":false}") boolean replaceModelerVersions, ModelerVersions found) {
        this.replaceModelerVersions = replaceModelerVersions;
        this.found = found;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!(configuration instanceof SpringTransactionsProcessEngineConfiguration spring)
                || spring.getDeploymentResources() == null || spring.getDeploymentResources().length == 0) {
            return;
        }
        var deployed = new ArrayList<Resource>();
        var divergent = new ArrayList<ModelerVersion>();
        for (var resource : spring.getDeploymentResources()) {
            RepositoryModel model;
            try {
                model = RepositoryModel.read(resource);
            } catch (IOException unreadable) {
                deployed.add(resource); // the auto-deployment reports it, with its own words
                continue;
            }
            var modeler = model.keys().stream()
                    .flatMap(key -> modelerVersion(engine.getRepositoryService(), spring, model, key).stream()).toList();
            if (modeler.isEmpty()) {
                deployed.add(resource);
                continue;
            }
            var changed = changedSinceLastStart(spring, model);
            if (replaceModelerVersions && changed) {
                modeler.forEach(version -> LOG.warn("Le fichier {} du dépôt remplace la version {} de « {} » déployée depuis "
                        + "Camunda Modeler ({}) : {}=true. La version du responsable du processus reste dans l'historique "
                        + "du moteur.", model.file(), version.version(), version.key(), where(version), REPLACE_PROPERTY));
                deployed.add(resource);
            } else if (changed) {
                modeler.forEach(version -> LOG.warn("Fichier du dépôt non déployé : {} a changé, mais la version {} de « {} », "
                        + "déployée depuis Camunda Modeler ({}), n'est pas dans le dépôt et reste la dernière. Rapportez "
                        + "dans le dépôt la version déployée (GET /engine-rest/…/key/{}/xml, docs/modeler-changes.md) et "
                        + "fusionnez-la avec ce changement ; ou, pour que le dépôt l'emporte, démarrez avec {}=true.",
                        model.file(), version.version(), version.key(), where(version), version.key(), REPLACE_PROPERTY));
                modeler.forEach(version -> divergent.add(heldBack(version)));
            } else {
                // the file unchanged, the repository not caught up yet: kept out too, for another file's change deploys
                // the repository's files together and would bring this one back over the Modeler version
                modeler.forEach(version -> LOG.info("La version {} de « {} », déployée depuis Camunda Modeler ({}), n'est "
                        + "pas dans le dépôt ({}) : rapportez-la (docs/modeler-changes.md).", version.version(), version.key(),
                        where(version), model.file()));
                divergent.addAll(modeler);
                if (replaceModelerVersions) {
                    deployed.add(resource);
                }
            }
        }
        spring.setDeploymentResources(deployed.toArray(Resource[]::new));
        found.replaceWith(divergent);
    }

    /** The latest version of {@code key}, when another deployment than this start's put there another content. */
    private Optional<ModelerVersion> modelerVersion(RepositoryService repository,
            SpringTransactionsProcessEngineConfiguration spring, RepositoryModel model, String key) {
        return latest(repository, model.kind(), key)
                .flatMap(definition -> Optional.ofNullable(repository.createDeploymentQuery()
                        .deploymentId(definition.getDeploymentId()).singleResult())
                        .filter(deployment -> !spring.getDeploymentName().equals(deployment.getName()))
                        .filter(deployment -> !model.sameAs(bytes(repository, definition)))
                        .map(deployment -> new ModelerVersion(model.file(), key, definition.getVersion(),
                                deployment.getId(), deployment.getDeploymentTime().toInstant(), false)));
    }

    private Optional<ResourceDefinition> latest(RepositoryService repository, RepositoryModel.Kind kind, String key) {
        List<? extends ResourceDefinition> versions = switch (kind) {
            case PROCESS -> repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().list();
            case DECISION -> repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().list();
            case FORM -> {
                // no public query for forms in Camunda 7: the manager the form deployer itself uses
                CamundaFormDefinitionEntity form = configuration.getCommandExecutorTxRequired()
                        .execute(context -> context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key));
                yield form == null ? List.of() : List.of(form);
            }
            case OTHER -> List.of();
        };
        return versions.stream().map(ResourceDefinition.class::cast).max(Comparator.comparingInt(ResourceDefinition::getVersion));
    }

    private static byte[] bytes(RepositoryService repository, ResourceDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Whether the engine's duplicate filter would deploy the file: it compares it, byte for byte, with the latest
     * resource of the same name among this application's own deployments (same name, no source).
     */
    private boolean changedSinceLastStart(SpringTransactionsProcessEngineConfiguration spring, RepositoryModel model) {
        ResourceEntity last = configuration.getCommandExecutorTxRequired().execute(context -> context.getResourceManager()
                .findLatestResourcesByDeploymentName(spring.getDeploymentName(), Set.of(model.name()),
                        ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE, spring.getDeploymentTenantId())
                .get(model.name()));
        return last == null || !java.util.Arrays.equals(last.getBytes(), model.content());
    }

    private static ModelerVersion heldBack(ModelerVersion version) {
        return new ModelerVersion(version.file(), version.key(), version.version(), version.deploymentId(),
                version.deployedAt(), true);
    }

    private static String where(ModelerVersion version) {
        return "déploiement " + version.deploymentId() + ", le " + French.dateTime(version.deployedAt(), ZoneId.systemDefault());
    }
}
