package fr.instruire.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Candidates and assignees get TASK_WORK on their tasks (the engine's {@code defaultUserPermissionNameForTask}), not
 * UPDATE. Tasks created before that setting keep the rows the engine wrote then, with UPDATE: a reviewer could still
 * rename, reassign or redate them. At start, every grant on one task that gives UPDATE gives TASK_WORK instead — once
 * none is left, this finds nothing. Grants on every task ({@code *}) are an administrator's choice and stay.
 */
@Component
class TaskPermissionUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPermissionUpgrade.class);

    private final AuthorizationService authorizations;

    TaskPermissionUpgrade(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void onStart() {
        int upgraded = upgrade();
        if (upgraded > 0) {
            LOG.info("{} autorisation(s) de tâche passée(s) de UPDATE à TASK_WORK", upgraded);
        }
    }

    /** Replaces UPDATE by TASK_WORK in the grants on single tasks; returns how many were changed. */
    int upgrade() {
        int upgraded = 0;
        for (var grant : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .authorizationType(Authorization.AUTH_TYPE_GRANT).hasPermission(Permissions.UPDATE).list()) {
            if (Authorization.ANY.equals(grant.getResourceId())) {
                continue;
            }
            grant.removePermission(Permissions.UPDATE);
            grant.addPermission(TaskPermissions.TASK_WORK);
            authorizations.saveAuthorization(grant);
            upgraded++;
        }
        return upgraded;
    }
}
