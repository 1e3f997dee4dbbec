package fr.instruire.models;

import java.util.ArrayList;
import java.util.List;

/** {@code decidedDossierGroups} as checkCommitteeDecisions writes it for the campaign models: one list per group. */
public final class DecidedDossierGroups {

    private DecidedDossierGroups() {
    }

    @SafeVarargs
    public static ArrayList<ArrayList<String>> groups(List<String>... groups) {
        var all = new ArrayList<ArrayList<String>>();
        for (var group : groups) {
            if (!group.isEmpty()) {
                all.add(new ArrayList<>(group));
            }
        }
        return all;
    }
}
