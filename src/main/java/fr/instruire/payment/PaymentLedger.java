package fr.instruire.payment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.instruire.system.Clock;

/**
 * Every tranche of a dossier's grant, from due to paid, each step in one transaction. Releasing a tranche adds its
 * amount to the dossier's released total with a conditional update of the dossier's funding row
 * ({@code released + amount <= grant}): concurrent releases of one dossier queue on that row, and one that would
 * exceed the grant is refused ({@link LedgerRefusal}) with nothing changed — the database's CHECK constraints are the
 * last word if any other path tried. A step already done (a retried job, a second click) is not done twice.
 */
@Service
public class PaymentLedger {

    public enum Status { DUE, RELEASED, PAID }

    public record Tranche(String dossierNumber, String key, String label, long amount, Status status, Instant dueAt,
                          Instant releasedAt, String releasedBy, String evidence, Instant paidAt, String paidBy,
                          String paymentReference) {
    }

    public record Funding(String dossierNumber, long grant, long released, long paid, List<Tranche> tranches) {
    }

    /** A step the ledger refuses; its message is French, for the reviewer or the finance officer. */
    public static class LedgerRefusal extends RuntimeException {
        LedgerRefusal(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public PaymentLedger(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The dossier's grant, once: opening it again with the same amount changes nothing, with another is refused. */
    public void open(String dossierNumber, long grant) {
        transaction.executeWithoutResult(status -> {
            var existing = jdbc.sql("SELECT grant_amount FROM dossier_funding WHERE dossier_number = ?").param(dossierNumber)
                    .query(Long.class).optional();
            if (existing.isPresent()) {
                if (existing.get() != grant) {
                    throw new LedgerRefusal("La subvention du dossier " + dossierNumber + " est déjà ouverte pour "
                            + existing.get() + " € ; elle ne peut pas devenir " + grant + " €.");
                }
                return;
            }
            jdbc.sql("INSERT INTO dossier_funding (dossier_number, grant_amount) VALUES (?, ?)").params(dossierNumber, grant).update();
        });
    }

    /** A tranche awaited: once per key; the same key again with the same amount changes nothing. */
    public void due(String dossierNumber, String key, String label, long amount) {
        transaction.executeWithoutResult(status -> {
            var existing = tranche(dossierNumber, key);
            if (existing.isPresent()) {
                if (existing.get().amount() != amount) {
                    throw new LedgerRefusal("La tranche « " + existing.get().label() + " » du dossier " + dossierNumber
                            + " est déjà prévue pour " + existing.get().amount() + " €.");
                }
                return;
            }
            jdbc.sql("""
                    INSERT INTO payment_tranche (dossier_number, tranche_key, label, amount, status, due_at)
                    VALUES (?, ?, ?, ?, 'DUE', ?)""")
                    .params(dossierNumber, key, label, amount, utc(Clock.now())).update();
        });
    }

    /**
     * Releases a due tranche on its evidence, by {@code actor}: refused when the dossier's released total would exceed
     * its grant. A tranche already released or paid is returned as it is.
     */
    public Tranche release(String dossierNumber, String key, String actor, String evidence) {
        return transaction.execute(status -> {
            var tranche = tranche(dossierNumber, key).orElseThrow(() -> new LedgerRefusal(
                    "Aucune tranche « " + key + " » pour le dossier " + dossierNumber + "."));
            if (tranche.status() != Status.DUE) {
                return tranche;
            }
            int added = jdbc.sql("""
                    UPDATE dossier_funding SET released_amount = released_amount + ?
                    WHERE dossier_number = ? AND released_amount + ? <= grant_amount""")
                    .params(tranche.amount(), dossierNumber, tranche.amount()).update();
            if (added == 0) {
                var funding = totals(dossierNumber);
                throw new LedgerRefusal("La tranche « " + tranche.label() + " » (" + tranche.amount() + " €) du dossier "
                        + dossierNumber + " dépasserait sa subvention : " + funding[1] + " € déjà libérés sur "
                        + funding[0] + " €.");
            }
            int released = jdbc.sql("""
                    UPDATE payment_tranche SET status = 'RELEASED', released_at = ?, released_by = ?, evidence = ?
                    WHERE dossier_number = ? AND tranche_key = ? AND status = 'DUE'""")
                    .params(utc(Clock.now()), actor, evidence, dossierNumber, key).update();
            if (released == 0) {
                // released meanwhile by another transaction: undo this one's addition by failing it
                throw new LedgerRefusal("La tranche « " + tranche.label() + " » du dossier " + dossierNumber
                        + " vient d'être libérée par ailleurs.");
            }
            return tranche(dossierNumber, key).orElseThrow();
        });
    }

    /**
     * Records a released tranche as paid, by {@code actor}, with the reference of its payment order; a tranche already
     * paid is returned as it is. The one who released a tranche does not record its payment (two people see the money
     * go out).
     */
    public Tranche paid(String dossierNumber, String key, String actor, String reference) {
        return transaction.execute(status -> {
            var tranche = tranche(dossierNumber, key).orElseThrow(() -> new LedgerRefusal(
                    "Aucune tranche « " + key + " » pour le dossier " + dossierNumber + "."));
            if (tranche.status() == Status.PAID) {
                return tranche;
            }
            if (tranche.status() != Status.RELEASED) {
                throw new LedgerRefusal("La tranche « " + tranche.label() + " » du dossier " + dossierNumber
                        + " n'est pas libérée : elle ne peut pas être payée.");
            }
            if (actor.equals(tranche.releasedBy())) {
                throw new LedgerRefusal("La tranche « " + tranche.label() + " » du dossier " + dossierNumber
                        + " a été libérée par " + actor + " : son paiement doit être enregistré par une autre personne.");
            }
            jdbc.sql("UPDATE dossier_funding SET paid_amount = paid_amount + ? WHERE dossier_number = ?")
                    .params(tranche.amount(), dossierNumber).update();
            jdbc.sql("""
                    UPDATE payment_tranche SET status = 'PAID', paid_at = ?, paid_by = ?, payment_reference = ?
                    WHERE dossier_number = ? AND tranche_key = ? AND status = 'RELEASED'""")
                    .params(utc(Clock.now()), actor, reference, dossierNumber, key).update();
            return tranche(dossierNumber, key).orElseThrow();
        });
    }

    /** The dossier's grant, its totals and its tranches in the order they were set. */
    public Optional<Funding> of(String dossierNumber) {
        return jdbc.sql("SELECT grant_amount, released_amount, paid_amount FROM dossier_funding WHERE dossier_number = ?")
                .param(dossierNumber)
                .query((rs, i) -> new Funding(dossierNumber, rs.getLong(1), rs.getLong(2), rs.getLong(3), tranches(dossierNumber)))
                .optional();
    }

    private long[] totals(String dossierNumber) {
        return jdbc.sql("SELECT grant_amount, released_amount FROM dossier_funding WHERE dossier_number = ?").param(dossierNumber)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private List<Tranche> tranches(String dossierNumber) {
        return jdbc.sql("SELECT * FROM payment_tranche WHERE dossier_number = ? ORDER BY due_at, tranche_key")
                .param(dossierNumber).query((rs, i) -> map(rs)).list();
    }

    /** One tranche of the dossier, by its key. */
    public Optional<Tranche> tranche(String dossierNumber, String key) {
        return jdbc.sql("SELECT * FROM payment_tranche WHERE dossier_number = ? AND tranche_key = ?")
                .params(dossierNumber, key).query((rs, i) -> map(rs)).optional();
    }

    private static Tranche map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Tranche(rs.getString("dossier_number"), rs.getString("tranche_key"), rs.getString("label"),
                rs.getLong("amount"), Status.valueOf(rs.getString("status")), instant(rs, "due_at"),
                instant(rs, "released_at"), rs.getString("released_by"), rs.getString("evidence"),
                instant(rs, "paid_at"), rs.getString("paid_by"), rs.getString("payment_reference"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
