package fr.instruire.identity;

import java.util.List;

/** A signed-in staff member: a Camunda user and its groups. */
public record StaffUser(String id, List<String> groups) {

    public static final String ADMIN_GROUP = "camunda-admin";

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    public boolean isInAny(String... groupIds) {
        for (var g : groupIds) {
            if (groups.contains(g)) {
                return true;
            }
        }
        return isAdmin();
    }
}
