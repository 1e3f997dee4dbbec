package fr.instruire.dossier;

import org.junit.jupiter.api.Test;

import fr.instruire.support.EmbeddedServices;

/** Migration V10 on PostgreSQL (H2: {@link GenericDossierMigrationTest}), in a database of its own. */
class GenericDossierMigrationOnPostgresIT {

    @Test
    void anEsmsDossierBecomesFactsAndAListOfRecordsOnPostgres() throws Exception {
        var pg = EmbeddedServices.postgres();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE generic_dossier_v9");
        }
        GenericDossierMigrationTest.check(pg.getDatabase("postgres", "generic_dossier_v9"));
    }
}
