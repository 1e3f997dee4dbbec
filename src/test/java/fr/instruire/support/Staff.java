package fr.instruire.support;

import org.camunda.bpm.engine.IdentityService;

/** The staff accounts the integration tests sign in with: the password is the name, as in the demo. */
public final class Staff {

    private Staff() {
    }

    /** Creates the user if absent and makes them a member of each group (the groups exist or are the campaign's). */
    public static void user(IdentityService identity, String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setPassword(id);
            identity.saveUser(user);
        }
        for (var group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }
}
