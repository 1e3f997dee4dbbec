package fr.instruire.payment;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payments ledger on H2 (the embedded run's database); {@code PaymentLedgerOnPostgresIT} runs the same on PostgreSQL. */
class PaymentLedgerOnH2Test {

    LedgerScenarios scenarios;

    @BeforeEach
    void database() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        scenarios = new LedgerScenarios(dataSource);
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
