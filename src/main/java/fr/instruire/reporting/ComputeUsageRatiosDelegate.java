package fr.instruire.reporting;

import java.util.Locale;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code computeUsageRatios}: takes the dossier's usage results from its stored reports for the payment decision —
 * {@code usageRatio1…n} (result ÷ target, in the plan's order: the required indicators, then the chosen ones; 0 for an
 * indicator never reported) — and closes the plan and the reports. Never read from a form.
 */
@Component("computeUsageRatios")
class ComputeUsageRatiosDelegate implements JavaDelegate {

    static final String RATIO = "usageRatio";

    private final UsageReports reports;

    ComputeUsageRatiosDelegate(UsageReports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var indicators = reports.indicators(number);
        var results = reports.results(number);
        for (int position = 1; position <= indicators.ratios(); position++) {
            int p = position;
            var ratio = results.stream().filter(r -> r.position() == p).findFirst()
                    .map(r -> r.ratio() == null ? 0.0 : r.ratio().doubleValue()).orElse(0.0);
            execution.setVariable(RATIO + position, ratio);
        }
        reports.fix(number, results.isEmpty() ? "Aucun plan d'usage déclaré : critères d'utilisation non atteints"
                : results.stream().map(r -> String.format(Locale.FRENCH, "%s : %s / cible %s", r.indicator().label(),
                        r.result() == null ? "aucun relevé" : r.result().stripTrailingZeros().toPlainString(),
                        r.target().stripTrailingZeros().toPlainString())).collect(Collectors.joining(" ; ")));
    }
}
