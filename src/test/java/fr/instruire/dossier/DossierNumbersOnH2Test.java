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
 * campaign arriving together all get a number, one after the other, whether they take it before their transaction
 * (the API) or inside it (a mail registered); a number taken before a submission's transaction does not hold the
 * numbering for the time of that transaction and is never given again, one taken inside a transaction rolled back is.
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

    /** Eight take their number before their transaction (the API), eight inside it (a mail registered). */
    @Test
    void sixteenFirstSubmissionsTogetherGetNumbersOneToSixteen() throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(16);
        var results = new ArrayList<Future<String>>();
        try {
            for (int i = 0; i < 16; i++) {
                boolean before = i % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    var taken = before ? dossiers.nextNumber("H2T", 2026) : null;
                    return transaction.execute(status -> {
                        var number = before ? taken : dossiers.nextNumber("H2T", 2026);
                        // the rest of a submission's work
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
    void aSubmissionStillRunningWithItsNumberDoesNotMakeTheNextOneWait() throws Exception {
        assertThat(dossiers.nextNumber("H2W", 2026)).isEqualTo("H2W-2026-0001");
        var numbered = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        var pool = Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> {
                var number = dossiers.nextNumber("H2W", 2026);
                return transaction.execute(status -> {
                    jdbc.sql("SELECT count(*) FROM dossier").query(Long.class).single();
                    numbered.countDown();
                    await(finish);
                    return number;
                });
            });
            assertThat(numbered.await(10, TimeUnit.SECONDS)).isTrue();
            // the first submission's transaction is still open: the next one is numbered at once
            assertThat(dossiers.nextNumber("H2W", 2026)).isEqualTo("H2W-2026-0003");
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("H2W-2026-0002");
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aNumberTakenBeforeASubmissionRolledBackIsNeverGivenAgain() {
        assertThat(dossiers.nextNumber("H2R", 2026)).isEqualTo("H2R-2026-0001");
        var taken = dossiers.nextNumber("H2R", 2026);
        transaction.executeWithoutResult(status -> status.setRollbackOnly());
        assertThat(taken).isEqualTo("H2R-2026-0002");
        assertThat(dossiers.nextNumber("H2R", 2026)).isEqualTo("H2R-2026-0003");
        assertThat(dossiers.nextNumber("H2R", 2027)).isEqualTo("H2R-2027-0001");
    }

    @Test
    void aNumberTakenInsideATransactionRolledBackWasNeverGiven() {
        assertThat(dossiers.nextNumber("H2I", 2026)).isEqualTo("H2I-2026-0001");
        transaction.executeWithoutResult(status -> {
            assertThat(dossiers.nextNumber("H2I", 2026)).isEqualTo("H2I-2026-0002");
            status.setRollbackOnly();
        });
        assertThat(dossiers.nextNumber("H2I", 2026)).isEqualTo("H2I-2026-0002");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> expected(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> prefix + "%04d".formatted(n)).toList();
    }
}
