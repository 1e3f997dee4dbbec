package fr.instruire.payment;

import fr.instruire.support.EmbeddedServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payments ledger on PostgreSQL (production's database), with real concurrent transactions; {@code PaymentLedgerOnH2Test} runs the same on H2. */
class PaymentLedgerOnPostgresIT {

    LedgerScenarios scenarios;

    @BeforeEach
    void database() throws Exception {
        var pg = EmbeddedServices.postgres();
        var database = "ledger_" + System.nanoTime();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        scenarios = new LedgerScenarios(pg.getDatabase("postgres", database));
    }

    @Test
    void everyTrancheReleasedThenPaidAddsUpToTheGrant() {
        scenarios.everyTrancheReleasedThenPaidAddsUpToTheGrant();
    }

    @Test
    void aStepDoneAgainIsNotDoneTwice() {
        scenarios.aStepDoneAgainIsNotDoneTwice();
    }

    @Test
    void aTrancheNotReleasedCannotBePaidNorAGrantChanged() {
        scenarios.aTrancheNotReleasedCannotBePaidNorAGrantChanged();
    }

    @Test
    void aReleaseBeyondTheGrantIsRefusedAndLeavesNothing() {
        scenarios.aReleaseBeyondTheGrantIsRefusedAndLeavesNothing();
    }

    @Test
    void theDatabaseItselfRefusesTotalsBeyondTheGrant() {
        scenarios.theDatabaseItselfRefusesTotalsBeyondTheGrant();
    }

    @Test
    void concurrentReleasesNeverExceedTheGrant() throws Exception {
        scenarios.concurrentReleasesNeverExceedTheGrant();
    }
}
