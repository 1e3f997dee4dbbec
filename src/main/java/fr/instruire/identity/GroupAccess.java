package fr.instruire.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a reviewer or committee group needs to work in Tasklist with authorization on: the group itself, access
 * to the Tasklist application, and read access to the shared task filter ({@code camunda.bpm.filter.create},
 * « Toutes les tâches »), which shows each user the tasks they may see. Not to every filter: one an administrator
 * creates later is for whom they grant it. Tasks are visible to their candidate groups through the engine's default
 * task permissions; nothing here opens other regions' tasks.
 */
@Component
public class GroupAccess {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final String sharedFilter;

    GroupAccess(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                @Value("${camunda.bpm.filter.create:}") String sharedFilter) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.sharedFilter = sharedFilter;
    }

    public void ensureWorkGroup(String groupId, String name) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            var group = identity.newGroup(groupId);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        if (!sharedFilter.isBlank()) {
            // the starter creates it without an owner; a namesake an administrator creates in Tasklist has one
            filters.createFilterQuery().filterResourceType(EntityTypes.TASK).filterName(sharedFilter).list().stream()
                    .filter(f -> f.getOwner() == null)
                    .forEach(f -> grant(groupId, Resources.FILTER, f.getId(), Permissions.READ));
        }
    }

    /**
     * A campaign's managers (its {@code managerGroup}): a work group that may also open Cockpit, where Instruire's
     * plugin shows them the figures of the campaigns that name them — the engine's own views stay empty for them, no
     * process being readable without its authorizations.
     */
    public void ensureManagerGroup(String groupId, String name) {
        ensureWorkGroup(groupId, name);
        grant(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    /** Whether a campaign's variable names its managers' group ({@code managerGroup}, {@code nationalManagerGroup}…). */
    public static boolean namesManagers(String variable) {
        return variable.toLowerCase(java.util.Locale.ROOT).endsWith("managergroup");
    }

    private void grant(String groupId, Resource resource, String resourceId, Permissions permission) {
        var existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).list();
        if (existing.stream().anyMatch(a -> a.isPermissionGranted(permission))) {
            return;
        }
        var auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        auth.setGroupId(groupId);
        auth.setResource(resource);
        auth.setResourceId(resourceId);
        auth.addPermission(permission);
        authorizations.saveAuthorization(auth);
    }
}
