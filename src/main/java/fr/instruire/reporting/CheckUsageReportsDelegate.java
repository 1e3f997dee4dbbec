package fr.instruire.reporting;

import java.time.YearMonth;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Clock;

/**
 * {@code checkUsageReports}, on the monthly timer while the beneficiary reports: {@code usageReportMissing} (local) when
 * last month's values are not in — the model reminds the beneficiary — and {@code usageReportsOverdue} when the month
 * before is missing too — the model asks the reviewer to step in.
 */
@Component("checkUsageReports")
class CheckUsageReportsDelegate implements JavaDelegate {

    private final UsageReports reports;
    private final Dossiers dossiers;
    private final Campaigns campaigns;

    CheckUsageReportsDelegate(UsageReports reports, Dossiers dossiers, Campaigns campaigns) {
        this.reports = reports;
        this.dossiers = dossiers;
        this.campaigns = campaigns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        var zone = campaigns.get(dossiers.get(number).campaignKey()).timeZone();
        var lastMonth = YearMonth.from(Clock.now().atZone(zone)).minusMonths(1);
        boolean missing = !reports.reported(number, lastMonth);
        execution.setVariableLocal("usageReportMissing", missing);
        execution.setVariableLocal("usageReportsOverdue", missing && !reports.reported(number, lastMonth.minusMonths(1)));
    }
}
