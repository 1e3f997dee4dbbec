package fr.instruire.payment;

import javax.sql.DataSource;

import fr.instruire.support.EmbeddedServices;

/** The payments ledger on PostgreSQL (production's database); {@code PaymentLedgerOnH2Test} runs the same on H2. */
class PaymentLedgerOnPostgresIT extends PaymentLedgerContract {

    @Override
    DataSource freshDatabase() throws Exception {
        var pg = EmbeddedServices.postgres();
        var database = "ledger_" + System.nanoTime();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return pg.getDatabase("postgres", database);
    }
}
