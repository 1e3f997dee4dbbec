package fr.instruire.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import fr.instruire.payment.PaymentLedger.LedgerRefusal;
import fr.instruire.payment.PaymentLedger.Status;

/**
 * The ledger's rules, run against a real database with real concurrent transactions: H2 in
 * {@code PaymentLedgerOnH2Test}, PostgreSQL in {@code PaymentLedgerOnPostgresIT}, each giving a fresh database.
 */
abstract class PaymentLedgerContract {

    JdbcClient jdbc;
    PaymentLedger ledger;
    private int next;

    /** A fresh, empty database. */
    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        var dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        var transactions = new JdbcTransactionManager(dataSource);
        jdbc = JdbcClient.create(dataSource);
        ledger = new PaymentLedger(jdbc, transactions);
        var t = Instant.parse("2021-02-03T04:00:00Z").atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                    submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                    reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email, created_at)
                VALUES ('ledger', 'esms-numerique', 'Grand livre', 'Guadeloupe', 'America/Guadeloupe', ?, ?, ?, ?, 1200000,
                    'LEDG', 'instructeurs-guadeloupe', 'comite-guadeloupe', 'P15D', 'P21D', NULL, ?)""")
                .params(t, t.plusMonths(3), t.plusMonths(1), t.plusMonths(4), t).update();
    }

    /** A selected dossier with its grant opened and the call's three tranches (40 %, 40 %, 20 %) due. */
    String awarded(long grant) {
        var number = "LEDG-2021-%04d".formatted(++next);
        var at = Instant.parse("2021-06-10T12:00:00Z");
        jdbc.sql("""
                INSERT INTO dossier (dossier_number, campaign_key, status, organisation_name, contact_email, project_title,
                    access_token_hash, submitted_at, updated_at)
                VALUES (?, 'ledger', 'SELECTED', ?, 'contact@example.org', 'Projet', 'hash', ?, ?)""")
                .params(number, "Association " + number, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC)).update();
        ledger.open(number, grant);
        ledger.due(number, "signature", "40 % à la signature de la convention", grant * 40 / 100);
        ledger.due(number, "parametrage", "40 % à la fin du paramétrage, sur facture", grant * 40 / 100);
        ledger.due(number, "deploiement", "20 % à la fin du déploiement, critères d'utilisation vérifiés",
                grant - 2 * (grant * 40 / 100));
        return number;
    }

    @Test
    void everyTrancheReleasedThenPaidAddsUpToTheGrant() {
        var number = awarded(290_000);
        for (var key : new String[] {"signature", "parametrage", "deploiement"}) {
            var released = ledger.release(number, key, "instructeur.guadeloupe", "Facture " + key);
            assertThat(released.status()).isEqualTo(Status.RELEASED);
            assertThat(released.releasedBy()).isEqualTo("instructeur.guadeloupe");
            assertThat(released.evidence()).isEqualTo("Facture " + key);
            assertThat(ledger.paid(number, key, "agent.comptable", "Mandat " + key).paidBy()).isEqualTo("agent.comptable");
        }
        var funding = ledger.of(number).orElseThrow();
        assertThat(funding.grant()).isEqualTo(290_000);
        assertThat(funding.released()).isEqualTo(290_000);
        assertThat(funding.paid()).isEqualTo(290_000);
        assertThat(funding.tranches()).extracting(PaymentLedger.Tranche::amount).containsExactlyInAnyOrder(116_000L, 116_000L, 58_000L);
        assertThat(funding.tranches()).allMatch(t -> t.status() == Status.PAID);
    }

    @Test
    void aStepDoneAgainIsNotDoneTwice() {
        var number = awarded(100_000);
        ledger.release(number, "signature", "instructeur.guadeloupe", "Convention signée");
        var again = ledger.release(number, "signature", "quelqu.un.d.autre", "Autre pièce");
        assertThat(again.releasedBy()).isEqualTo("instructeur.guadeloupe");
        ledger.paid(number, "signature", "agent.comptable", "Mandat 2026-0001");
        ledger.paid(number, "signature", "agent.comptable", "Mandat 2026-0001");
        ledger.due(number, "signature", "40 % à la signature de la convention", 40_000);
        ledger.open(number, 100_000);
        var funding = ledger.of(number).orElseThrow();
        assertThat(funding.released()).isEqualTo(40_000);
        assertThat(funding.paid()).isEqualTo(40_000);
    }

    @Test
    void aTrancheNotReleasedCannotBePaidNorAGrantChanged() {
        var number = awarded(100_000);
        assertThatThrownBy(() -> ledger.paid(number, "parametrage", "agent.comptable", "Mandat"))
                .isInstanceOf(LedgerRefusal.class).hasMessageContaining("n'est pas libérée");
        assertThatThrownBy(() -> ledger.open(number, 120_000))
                .isInstanceOf(LedgerRefusal.class).hasMessageContaining("déjà ouverte pour 100000 €");
        assertThatThrownBy(() -> ledger.due(number, "signature", "40 %", 50_000))
                .isInstanceOf(LedgerRefusal.class).hasMessageContaining("déjà prévue pour 40000 €");
        assertThat(ledger.of(number).orElseThrow().paid()).isZero();
    }

    /** The reviewer who released a tranche tries to record its payment too: refused, the tranche stays released. */
    @Test
    void whoReleasedATrancheDoesNotRecordItsPayment() {
        var number = awarded(100_000);
        ledger.release(number, "signature", "instructeur.guadeloupe", "Convention signée le 3 juin");
        assertThatThrownBy(() -> ledger.paid(number, "signature", "instructeur.guadeloupe", "Mandat 2026-0001"))
                .isInstanceOf(LedgerRefusal.class).hasMessageContaining("doit être enregistré par une autre personne");
        var tranche = ledger.tranche(number, "signature").orElseThrow();
        assertThat(tranche.status()).isEqualTo(Status.RELEASED);
        assertThat(ledger.of(number).orElseThrow().paid()).isZero();
        assertThat(ledger.paid(number, "signature", "agent.comptable", "Mandat 2026-0001").paymentReference())
                .isEqualTo("Mandat 2026-0001");
    }

    /** Tranches set wrongly (three of 40 %): the third release is refused, nothing of it kept. */
    @Test
    void aReleaseBeyondTheGrantIsRefusedAndLeavesNothing() {
        var number = awarded(100_000);
        ledger.due(number, "supplement", "40 % de trop", 40_000);
        ledger.release(number, "signature", "instructeur.guadeloupe", "Convention");
        ledger.release(number, "parametrage", "instructeur.guadeloupe", "Facture");
        assertThatThrownBy(() -> ledger.release(number, "supplement", "instructeur.guadeloupe", "?"))
                .isInstanceOf(LedgerRefusal.class).hasMessageContaining("dépasserait sa subvention : 80000 € déjà libérés sur 100000 €");
        var funding = ledger.of(number).orElseThrow();
        assertThat(funding.released()).isEqualTo(80_000);
        assertThat(funding.tranches()).filteredOn(t -> t.key().equals("supplement")).singleElement()
                .satisfies(t -> assertThat(t.status()).isEqualTo(Status.DUE));
    }

    /** Whatever path writes the totals, the database refuses more released than granted, more paid than released. */
    @Test
    void theDatabaseItselfRefusesTotalsBeyondTheGrant() {
        var number = awarded(100_000);
        assertThatThrownBy(() -> jdbc.sql("UPDATE dossier_funding SET released_amount = 100001 WHERE dossier_number = ?")
                .param(number).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE dossier_funding SET paid_amount = 1 WHERE dossier_number = ?")
                .param(number).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * Tranches of 40 % each, six of them, released at the same instant by six officers, twice each: two and only two
     * are released (80 %), every other is refused, and the totals match the tranches released.
     */
    @Test
    void concurrentReleasesNeverExceedTheGrant() throws Exception {
        var number = awarded(100_000);
        for (int i = 1; i <= 3; i++) {
            ledger.due(number, "extra" + i, "40 % de trop n°" + i, 40_000);
        }
        var keys = new String[] {"signature", "parametrage", "extra1", "extra2", "extra3", "signature"};
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(12);
        var outcomes = new ArrayList<Future<String>>();
        try {
            for (int round = 0; round < 2; round++) {
                for (var key : keys) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            ledger.release(number, key, "instructeur." + key, "Pièce");
                            return "ok";
                        } catch (LedgerRefusal refused) {
                            return "refused";
                        }
                    }));
                }
            }
            start.countDown();
            for (var outcome : outcomes) {
                outcome.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        var funding = ledger.of(number).orElseThrow();
        var released = funding.tranches().stream().filter(t -> t.status() == Status.RELEASED).toList();
        assertThat(released).hasSize(2);
        assertThat(funding.released()).isEqualTo(80_000).isEqualTo(released.stream().mapToLong(PaymentLedger.Tranche::amount).sum());
        assertThat(funding.released()).isLessThanOrEqualTo(funding.grant());
    }
}
