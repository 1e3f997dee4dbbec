package fr.instruire.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dossier numbers on H2 (the embedded run's database), with real concurrent transactions: the first submissions of a
 * campaign arriving together all get a number, one after the other; a submission does not hold the numbering for
 * the time of its transaction, and a number taken by a submission rolled back is never given again.
 * {@code FirstMinuteOfACampaignIT} shows the same over HTTP on PostgreSQL.
 */
class DossierNumbersOnH2Test {

    JdbcClient jdbc;
    TransactionTemplate transaction;
    Dossiers dossiers;

    @BeforeEach
    void database() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:numbers-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        var transactions = new JdbcTransactionManager(dataSource);
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(transactions);
        dossiers = new Dossiers(jdbc, transactions, new fr.instruire.call.CallDefinitions());
    }

    @Test
    void sixteenFirstSubmissionsTogetherGetNumbersOneToSixteen() throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(16);
        var results = new ArrayList<Future<String>>();
        try {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return transaction.execute(status -> {
                        var number = dossiers.nextNumber("H2T", 2026);
                        // the rest of a submission's work, done while holding the sequence's lock
                        jdbc.sql("SELECT count(*) FROM dossier").query(Long.class).single();
                        return number;
                    });
                }));
            }
            start.countDown();
            var numbers = new ArrayList<String>();
            for (var result : results) {
                numbers.add(result.get(60, TimeUnit.SECONDS));
            }
            Collections.sort(numbers);
            assertThat(numbers).containsExactlyElementsOf(expected("H2T-2026-", 1, 16));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSubmissionStillRunningDoesNotMakeTheNextOneWait() throws Exception {
        assertThat(number("H2W", 2026)).isEqualTo("H2W-2026-0001");
        var numbered = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        var pool = Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> transaction.execute(status -> {
                var number = dossiers.nextNumber("H2W", 2026);
                numbered.countDown();
                await(finish);
                return number;
            }));
            assertThat(numbered.await(10, TimeUnit.SECONDS)).isTrue();
            // the first submission's transaction is still open: the next one is numbered at once
            assertThat(number("H2W", 2026)).isEqualTo("H2W-2026-0003");
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("H2W-2026-0002");
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aNumberTakenBySubmissionRolledBackIsNeverGivenAgain() {
        assertThat(number("H2R", 2026)).isEqualTo("H2R-2026-0001");
        transaction.executeWithoutResult(status -> {
            assertThat(dossiers.nextNumber("H2R", 2026)).isEqualTo("H2R-2026-0002");
            status.setRollbackOnly();
        });
        assertThat(number("H2R", 2026)).isEqualTo("H2R-2026-0003");
        assertThat(number("H2R", 2027)).isEqualTo("H2R-2027-0001");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String number(String prefix, int year) {
        return transaction.execute(status -> dossiers.nextNumber(prefix, year));
    }

    static List<String> expected(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> prefix + "%04d".formatted(n)).toList();
    }
}
