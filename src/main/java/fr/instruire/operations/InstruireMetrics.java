package fr.instruire.operations;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The figures Prometheus scrapes, refreshed every {@code instruire.metrics.refresh} (30 s) by a few SQL counts:
 * {@code instruire_dossiers{call,campaign,status}}, {@code instruire_funding_euros{call,campaign,state}} (granted,
 * released, paid), {@code instruire_engine_jobs{state}} (executable, failed — no retry left), {@code
 * instruire_engine_incidents} and {@code instruire_tasks_open}. Never a query per dossier.
 */
@Component
class InstruireMetrics {

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final MultiGauge dossiers;
    private final MultiGauge funding;
    private final MultiGauge engine;

    InstruireMetrics(JdbcClient jdbc, ManagementService management, RuntimeService runtime, TaskService tasks,
                     MeterRegistry registry) {
        this.jdbc = jdbc;
        this.management = management;
        this.runtime = runtime;
        this.tasks = tasks;
        this.dossiers = MultiGauge.builder("instruire.dossiers").description("Dossiers par appel, campagne et statut")
                .register(registry);
        this.funding = MultiGauge.builder("instruire.funding.euros").baseUnit("euros")
                .description("Subventions accordées, libérées et payées, par appel et campagne").register(registry);
        this.engine = MultiGauge.builder("instruire.engine").description("Tâches, travaux et incidents du moteur")
                .register(registry);
        refresh();
    }

    @Scheduled(fixedDelayString = "${instruire.metrics.refresh:PT30S}", initialDelayString = "${instruire.metrics.refresh:PT30S}")
    void refresh() {
        dossiers.register(jdbc.sql("""
                SELECT c.call_id, d.campaign_key, d.status, COUNT(*) FROM dossier d
                JOIN campaign c ON c.campaign_key = d.campaign_key GROUP BY c.call_id, d.campaign_key, d.status""")
                .query((rs, i) -> MultiGauge.Row.of(Tags.of("call", rs.getString(1), "campaign", rs.getString(2),
                        "status", rs.getString(3)), rs.getLong(4))).list(), true);
        funding.register(jdbc.sql("""
                SELECT c.call_id, d.campaign_key, SUM(f.grant_amount), SUM(f.released_amount), SUM(f.paid_amount)
                FROM dossier_funding f JOIN dossier d ON d.dossier_number = f.dossier_number
                JOIN campaign c ON c.campaign_key = d.campaign_key GROUP BY c.call_id, d.campaign_key""")
                .query((rs, i) -> List.of(
                        MultiGauge.Row.of(Tags.of("call", rs.getString(1), "campaign", rs.getString(2), "state", "granted"), rs.getLong(3)),
                        MultiGauge.Row.of(Tags.of("call", rs.getString(1), "campaign", rs.getString(2), "state", "released"), rs.getLong(4)),
                        MultiGauge.Row.of(Tags.of("call", rs.getString(1), "campaign", rs.getString(2), "state", "paid"), rs.getLong(5))))
                .list().stream().flatMap(List::stream).toList(), true);
        engine.register(List.of(
                MultiGauge.Row.of(Tags.of("measure", "jobs", "state", "executable"), management.createJobQuery().executable().count()),
                MultiGauge.Row.of(Tags.of("measure", "jobs", "state", "failed"), management.createJobQuery().noRetriesLeft().count()),
                MultiGauge.Row.of(Tags.of("measure", "incidents", "state", "open"), runtime.createIncidentQuery().count()),
                MultiGauge.Row.of(Tags.of("measure", "tasks", "state", "open"), tasks.createTaskQuery().count())), true);
    }
}
