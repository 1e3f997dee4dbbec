package fr.instruire.models;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/** The Modeler versions the repository does not hold, as found by the last start ({@link ModelerVersionGuard}). */
@Component
public class ModelerVersions {

    private final List<ModelerVersion> found = new CopyOnWriteArrayList<>();

    public List<ModelerVersion> all() {
        return List.copyOf(found);
    }

    void replaceWith(List<ModelerVersion> versions) {
        found.clear();
        found.addAll(versions);
    }
}
