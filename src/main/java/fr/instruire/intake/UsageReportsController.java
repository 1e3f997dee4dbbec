package fr.instruire.intake;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.instruire.reporting.UsageReports;
import fr.instruire.system.ApiProblem;
import fr.instruire.system.ApiProblem.FieldError;

/**
 * The beneficiary's usage indicators after the award, through the API with its dossier's token: its plan (the
 * indicators it chose among the call's, a target for each), then each month's values; staff of the campaign read them.
 * 404 when the call pays on no indicator, 409 before the grant is open or once the results were taken for the payment.
 */
@RestController
@RequestMapping("/api/dossiers/{number}/usage")
class UsageReportsController {

    private final DossierAccess access;
    private final UsageReports reports;

    UsageReportsController(DossierAccess access, UsageReports reports) {
        this.access = access;
        this.reports = reports;
    }

    record IndicatorView(String key, String label, boolean required, boolean rate, String numerator, String denominator) {
    }

    record ResultView(int position, String key, String label, BigDecimal target, BigDecimal result, BigDecimal ratio,
                      List<String> months) {
    }

    record UsageView(int windowMonths, int choose, List<IndicatorView> indicators, List<ResultView> plan,
                     List<String> monthsReported, boolean closed) {
    }

    /** The call's indicators, the dossier's plan with its current results, the months reported. */
    @GetMapping
    UsageView usage(@PathVariable String number, HttpServletRequest http) {
        access.require(http, number, false);
        var indicators = reports.indicators(number);
        return new UsageView(indicators.windowMonths(), indicators.choose(),
                indicators.indicators().stream().map(i -> new IndicatorView(i.key(), i.label(), i.required(), i.rate(),
                        i.numerator(), i.denominator())).toList(),
                reports.results(number).stream().map(r -> new ResultView(r.position(), r.indicator().key(),
                        r.indicator().label(), r.target(), r.result(), r.ratio(),
                        r.months().stream().map(YearMonth::toString).toList())).toList(),
                reports.months(number).stream().map(YearMonth::toString).toList(),
                reports.fixed(number));
    }

    record PlanRequest(List<String> chosen, Map<String, BigDecimal> targets) {
    }

    /** The indicators chosen and the targets — « l'évaluation faite » each result is compared with. */
    @PutMapping(path = "/plan", consumes = MediaType.APPLICATION_JSON_VALUE)
    UsageView plan(@PathVariable String number, @RequestBody PlanRequest plan, HttpServletRequest http) {
        var actor = access.require(http, number, true);
        reports.declarePlan(number, new UsageReports.Plan(plan.chosen(), plan.targets()), actor);
        return usage(number, http);
    }

    record ReportRequest(Map<String, UsageReports.Value> values) {
    }

    /** One month's values (period {@code 2027-03}); the same month sent again replaces it. */
    @PutMapping(path = "/reports/{period}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UsageView report(@PathVariable String number, @PathVariable String period, @RequestBody ReportRequest report,
                     HttpServletRequest http) {
        var actor = access.require(http, number, true);
        YearMonth month;
        try {
            month = YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(List.of(new FieldError("period", "mois attendu au format AAAA-MM")));
        }
        reports.report(number, month, report.values() == null ? Map.of() : report.values(), actor);
        return usage(number, http);
    }
}
