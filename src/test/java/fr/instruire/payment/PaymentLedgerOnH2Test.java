package fr.instruire.payment;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The payments ledger on H2 (the embedded run's database); {@code PaymentLedgerOnPostgresIT} runs the same on PostgreSQL. */
class PaymentLedgerOnH2Test extends PaymentLedgerContract {

    @Override
    DataSource freshDatabase() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }
}
