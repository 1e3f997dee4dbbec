package fr.instruire.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * What a reviewer or committee group needs to work in Tasklist with authorization on: the group itself, access
 * to the Tasklist application, and read access to the shared task filters. Tasks are visible to their candidate
 * groups through the engine's default task permissions; nothing here opens other regions' tasks.
 */
@Component
public class GroupAccess {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;

    GroupAccess(IdentityService identity, AuthorizationService authorizations, FilterService filters) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
    }

    public void ensureWorkGroup(String groupId, String name) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            var group = identity.newGroup(groupId);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        filters.createFilterQuery().list().forEach(f -> grant(groupId, Resources.FILTER, f.getId(), Permissions.READ));
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
