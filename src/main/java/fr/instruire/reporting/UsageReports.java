package fr.instruire.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.call.UsageIndicators;
import fr.instruire.call.UsageIndicators.Indicator;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.payment.PaymentLedger;
import fr.instruire.system.ApiProblem;
import fr.instruire.system.ApiProblem.FieldError;
import fr.instruire.system.Clock;

/**
 * A dossier's usage plan and monthly reports, and the results computed from them. The plan (the indicators the call
 * requires, the ones the beneficiary chose, a target for each) is declared once the grant is open and fixed by the
 * first report; a month sent again replaces that month; nothing changes once the results were taken for the payment
 * ({@link #fix}). A result is taken over the call's window of months ending at the latest month reported: a count is
 * the sum of the months, a rate {@code 100 × Σ numerators ÷ Σ denominators}; its ratio is result ÷ target.
 */
@Service
public class UsageReports {

    /** The history's mark that the results were taken for the payment: reports and plan are then closed. */
    public static final String RESULTS_FIXED = "USAGE_RESULTS";

    public record Value(BigDecimal numerator, BigDecimal denominator) {
    }

    /** One indicator of the plan and what the reports make of it; {@code result}, {@code ratio} null before any report. */
    public record Result(int position, Indicator indicator, BigDecimal target, BigDecimal result, BigDecimal ratio,
                         List<YearMonth> months) {
    }

    public record Plan(List<String> chosen, Map<String, BigDecimal> targets) {
    }

    private final JdbcClient jdbc;
    private final CallFacts calls;
    private final Dossiers dossiers;
    private final Campaigns campaigns;
    private final PaymentLedger ledger;

    UsageReports(JdbcClient jdbc, CallFacts calls, Dossiers dossiers, Campaigns campaigns, PaymentLedger ledger) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.dossiers = dossiers;
        this.campaigns = campaigns;
        this.ledger = ledger;
    }

    /** The call's indicators, or 404 when the dossier's call pays on none. */
    public UsageIndicators indicators(String number) {
        var call = calls.callOf(number);
        if (call.usageIndicators() == null) {
            throw ApiProblem.notFound("L'appel « " + call.title() + " » ne prévoit pas d'indicateurs d'usage.");
        }
        return call.usageIndicators();
    }

    /** Declares (or replaces, before any report) the dossier's plan. */
    @Transactional
    public void declarePlan(String number, Plan plan, String actor) {
        var indicators = indicators(number);
        requireOpen(number);
        if (count("SELECT COUNT(*) FROM usage_report WHERE dossier_number = ?", number) > 0) {
            throw ApiProblem.conflict("Le plan d'usage du dossier " + number + " est fixé depuis le premier relevé mensuel.");
        }
        var errors = new ArrayList<FieldError>();
        var chosen = plan.chosen() == null ? List.<String>of() : plan.chosen();
        if (chosen.size() != indicators.choose() || new LinkedHashSet<>(chosen).size() != chosen.size()) {
            errors.add(new FieldError("chosen", indicators.choose() + " indicateurs différents à choisir parmi "
                    + String.join(", ", indicators.optional().stream().map(Indicator::key).toList())));
        }
        chosen.stream().filter(k -> indicators.optional().stream().noneMatch(i -> i.key().equals(k)))
                .forEach(k -> errors.add(new FieldError("chosen", "« " + k + " » n'est pas un indicateur à choisir")));
        var ordered = new ArrayList<Indicator>(indicators.required());
        chosen.forEach(k -> indicators.optional().stream().filter(i -> i.key().equals(k)).findFirst().ifPresent(ordered::add));
        var targets = plan.targets() == null ? Map.<String, BigDecimal>of() : plan.targets();
        for (var indicator : ordered) {
            var target = targets.get(indicator.key());
            if (target == null || target.signum() <= 0) {
                errors.add(new FieldError("targets." + indicator.key(), "cible positive obligatoire (" + indicator.label() + ")"));
            } else if (indicator.rate() && target.compareTo(BigDecimal.valueOf(100)) > 0) {
                errors.add(new FieldError("targets." + indicator.key(), "un taux en pourcentage, 100 au plus"));
            }
        }
        targets.keySet().stream().filter(k -> ordered.stream().noneMatch(i -> i.key().equals(k)))
                .forEach(k -> errors.add(new FieldError("targets." + k, "indicateur hors du plan")));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        jdbc.sql("DELETE FROM usage_plan WHERE dossier_number = ?").param(number).update();
        for (int i = 0; i < ordered.size(); i++) {
            jdbc.sql("""
                    INSERT INTO usage_plan (dossier_number, indicator_key, position, target, declared_at, declared_by)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(number, ordered.get(i).key(), i + 1, targets.get(ordered.get(i).key()),
                            Clock.now().atOffset(ZoneOffset.UTC), actor).update();
        }
        dossiers.recordEvent(number, actor, "USAGE_PLAN", ordered.stream()
                .map(i -> i.label() + " : cible " + targets.get(i.key()).stripTrailingZeros().toPlainString() + (i.rate() ? " %" : ""))
                .reduce((a, b) -> a + " ; " + b).orElse(""));
    }

    /** The month's values of every indicator of the plan; the same month sent again replaces it. */
    @Transactional
    public void report(String number, YearMonth period, Map<String, Value> values, String actor) {
        indicators(number);
        requireOpen(number);
        var plan = plan(number);
        if (plan.isEmpty()) {
            throw ApiProblem.conflict("Déclarez d'abord le plan d'usage du dossier " + number + " (indicateurs choisis et cibles).");
        }
        var zone = campaigns.get(dossiers.get(number).campaignKey()).timeZone();
        var errors = new ArrayList<FieldError>();
        if (period.isAfter(YearMonth.from(Clock.now().atZone(zone)))) {
            errors.add(new FieldError("period", "mois à venir : un relevé porte sur un mois commencé"));
        }
        for (var indicator : plan.keySet()) {
            var value = values.get(indicator.key());
            var field = "values." + indicator.key();
            if (value == null || value.numerator() == null) {
                errors.add(new FieldError(field, "valeur obligatoire (" + indicator.numerator() + ")"));
            } else if (value.numerator().signum() < 0) {
                errors.add(new FieldError(field + ".numerator", "positif ou nul"));
            } else if (indicator.rate() && (value.denominator() == null || value.denominator().signum() <= 0)) {
                errors.add(new FieldError(field + ".denominator", "obligatoire et positif (" + indicator.denominator() + ")"));
            } else if (indicator.rate() && value.numerator().compareTo(value.denominator()) > 0) {
                errors.add(new FieldError(field + ".numerator", "ne peut dépasser le dénominateur (" + indicator.denominator() + ")"));
            } else if (!indicator.rate() && value.denominator() != null) {
                errors.add(new FieldError(field + ".denominator", "sans objet : cet indicateur est un nombre"));
            }
        }
        values.keySet().stream().filter(k -> plan.keySet().stream().noneMatch(i -> i.key().equals(k)))
                .forEach(k -> errors.add(new FieldError("values." + k, "indicateur hors du plan du dossier")));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        jdbc.sql("DELETE FROM usage_report WHERE dossier_number = ? AND period = ?").params(number, period.toString()).update();
        for (var indicator : plan.keySet()) {
            var value = values.get(indicator.key());
            jdbc.sql("""
                    INSERT INTO usage_report (dossier_number, period, indicator_key, numerator, denominator, reported_at, reported_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(number, period.toString(), indicator.key(), value.numerator(),
                            indicator.rate() ? value.denominator() : null, Clock.now().atOffset(ZoneOffset.UTC), actor).update();
        }
        dossiers.recordEvent(number, actor, "USAGE_REPORT", "Relevé des indicateurs d'usage de " + period);
    }

    /** The plan's indicators, in the decision's order, with their targets. */
    public Map<Indicator, BigDecimal> plan(String number) {
        var call = calls.callOf(number);
        if (call.usageIndicators() == null) {
            return Map.of();
        }
        var plan = new LinkedHashMap<Indicator, BigDecimal>();
        jdbc.sql("SELECT indicator_key, target FROM usage_plan WHERE dossier_number = ? ORDER BY position").param(number)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getBigDecimal(2))).list()
                .forEach(e -> call.usageIndicators().indicator(e.getKey()).ifPresent(ind -> plan.put(ind, e.getValue())));
        return plan;
    }

    /** The months reported, the latest first. */
    public List<YearMonth> months(String number) {
        return jdbc.sql("SELECT DISTINCT period FROM usage_report WHERE dossier_number = ? ORDER BY period DESC").param(number)
                .query(String.class).list().stream().map(YearMonth::parse).toList();
    }

    /** Each indicator of the plan with its result over the window ending at the latest month reported. */
    public List<Result> results(String number) {
        var plan = plan(number);
        if (plan.isEmpty()) {
            return List.of();
        }
        var window = calls.callOf(number).usageIndicators().windowMonths();
        var latest = months(number).stream().findFirst();
        var from = latest.map(l -> l.minusMonths(window - 1L));
        var results = new ArrayList<Result>();
        int position = 0;
        for (var entry : plan.entrySet()) {
            position++;
            var indicator = entry.getKey();
            if (latest.isEmpty()) {
                results.add(new Result(position, indicator, entry.getValue(), null, null, List.of()));
                continue;
            }
            var rows = jdbc.sql("""
                    SELECT period, numerator, denominator FROM usage_report
                    WHERE dossier_number = ? AND indicator_key = ? AND period >= ? AND period <= ? ORDER BY period""")
                    .params(number, indicator.key(), from.get().toString(), latest.get().toString())
                    .query((rs, i) -> new Object[] {YearMonth.parse(rs.getString(1)), rs.getBigDecimal(2), rs.getBigDecimal(3)})
                    .list();
            var numerators = rows.stream().map(r -> (BigDecimal) r[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
            var denominators = rows.stream().map(r -> (BigDecimal) r[2]).filter(d -> d != null).reduce(BigDecimal.ZERO, BigDecimal::add);
            var result = indicator.rate()
                    ? denominators.signum() == 0 ? BigDecimal.ZERO
                            : numerators.multiply(BigDecimal.valueOf(100)).divide(denominators, 2, RoundingMode.HALF_EVEN)
                    : numerators.setScale(2, RoundingMode.HALF_EVEN);
            results.add(new Result(position, indicator, entry.getValue(), result,
                    result.divide(entry.getValue(), 4, RoundingMode.HALF_EVEN),
                    rows.stream().map(r -> (YearMonth) r[0]).toList()));
        }
        return results;
    }

    /** Whether this month's values are in. */
    public boolean reported(String number, YearMonth period) {
        return count("SELECT COUNT(*) FROM usage_report WHERE dossier_number = ? AND period = ?", number, period.toString()) > 0;
    }

    /** The results are taken for the payment: from now on, the plan and the reports are closed. */
    public void fix(String number, String detail) {
        dossiers.recordEvent(number, fr.instruire.system.Actors.SYSTEM, RESULTS_FIXED, detail);
    }

    public boolean fixed(String number) {
        return dossiers.history(number).stream().anyMatch(e -> RESULTS_FIXED.equals(e.kind()));
    }

    private void requireOpen(String number) {
        if (ledger.of(number).isEmpty()) {
            throw ApiProblem.conflict("Le dossier " + number + " n'a pas de subvention ouverte : les indicateurs d'usage "
                    + "se déclarent après la signature de la convention.");
        }
        if (fixed(number)) {
            throw ApiProblem.conflict("Les résultats d'usage du dossier " + number + " ont été arrêtés pour le paiement : "
                    + "plan et relevés sont clos.");
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
