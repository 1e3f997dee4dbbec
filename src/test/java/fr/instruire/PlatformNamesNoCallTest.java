package fr.instruire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import fr.instruire.call.CallDefinitions;

/**
 * The platform's code never names a call: no call id ({@code "facilisoins"}, {@code "esms-numerique"}) in the sources of
 * a package outside {@code fr.instruire.calls} — neither its code nor its comments: an example in a comment is an
 * invitation to write the next call's case beside it.
 * The bytecode rules are in {@link ArchitectureTest}; string literals are only visible in the sources.
 */
class PlatformNamesNoCallTest {

    private static final Path SOURCES = Path.of("src/main/java/fr/instruire");

    @Test
    void noPlatformSourceNamesACall() throws IOException {
        var ids = new CallDefinitions().all().stream().map(c -> c.id()).toList();
        var found = new ArrayList<String>();
        try (var files = Files.walk(SOURCES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !SOURCES.relativize(f).startsWith("calls")).toList()) {
                var code = Files.readString(file);
                for (var id : ids) {
                    if (code.toLowerCase().contains(id)) {
                        found.add(SOURCES.relativize(file) + " names « " + id + " »");
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

}
