package fr.instruire.dashboard;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.CallDefinitions;
import fr.instruire.call.FactDefinition;
import fr.instruire.campaign.Campaign;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Clock;

/**
 * A campaign's figures for its managers, each an aggregate query over the project's tables (dossiers, their status
 * changes, facts, the payment ledger) or the engine's (open tasks and their candidate groups, incidents): the cost
 * does not grow with what the application holds in memory, and no process instance is loaded. The stages are read
 * from the call's declared statuses, in their order (a dossier in a status declared after {@code UNDER_INSTRUCTION}
 * went through instruction), so every call gets its funnel without a line of its own.
 */
@Component
public class CampaignDashboard {

    private static final String CAMPAIGN_INSTANCES = """
            (pi.BUSINESS_KEY_ = :campaign OR pi.BUSINESS_KEY_ IN (SELECT dossier_number FROM dossier WHERE campaign_key = :campaign))""";

    private final JdbcClient jdbc;
    private final CallDefinitions calls;
    private final Dossiers dossiers;

    CampaignDashboard(JdbcClient jdbc, CallDefinitions calls, Dossiers dossiers) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.dossiers = dossiers;
    }

    public CampaignFigures figures(Campaign campaign) {
        var call = calls.of(campaign.callId());
        var funnel = funnel(campaign, call);
        var incidents = incidents(campaign);
        return new CampaignFigures(
                new CampaignFigures.Campaign(campaign.key(), campaign.title(), call.id(), call.title(), campaign.region(),
                        campaign.submissionWindowInFrench(), funnel.get(0).dossiers()),
                funnel, byStatus(campaign, call), byRegion(campaign, call), byPublic(campaign, call),
                instruction(campaign, call), money(campaign, call), teams(campaign),
                incidentCount(campaign), incidents);
    }

    /**
     * Dépôt → recevables (entered instruction) → instruits → décidés → retenus → conventionnés (a grant opened in the
     * ledger) → payés (at least one tranche paid). A dossier counts in a stage when one of its status changes reached
     * a status declared at or after the stage's (its history, not only its status today).
     */
    List<CampaignFigures.Stage> funnel(Campaign campaign, CallDefinition call) {
        var stages = new ArrayList<CampaignFigures.Stage>();
        stages.add(new CampaignFigures.Stage("DEPOSES", "Déposés", jdbc.sql("SELECT COUNT(*) FROM dossier WHERE campaign_key = ?")
                .param(campaign.key()).query(Long.class).single()));
        // « non retenu » is also given to the dossiers a closed selection could not decide (closePendingDossiers): it
        // says nothing of instruction, which an instructed dossier's own INSTRUCTED change does
        stages.add(new CampaignFigures.Stage("RECEVABLES", "Recevables (entrés en instruction)",
                reached(campaign, call.statusesFrom(DossierStatus.UNDER_INSTRUCTION).stream()
                        .filter(s -> !DossierStatus.AWAITING_COMPLEMENTS.equals(s) && !DossierStatus.NOT_SELECTED.equals(s)).toList())));
        stages.add(new CampaignFigures.Stage("INSTRUITS", "Instruits", reached(campaign, call.statusesFrom(DossierStatus.INSTRUCTED)
                .stream().filter(s -> !DossierStatus.NOT_SELECTED.equals(s)).toList())));
        stages.add(new CampaignFigures.Stage("DECIDES", "Décidés (retenus ou non)", reached(campaign, call.statusesFrom(DossierStatus.SELECTED))));
        stages.add(new CampaignFigures.Stage("RETENUS", "Retenus", reached(campaign, call.grantedStatuses())));
        stages.add(new CampaignFigures.Stage("CONVENTIONNES", "Subvention ouverte (convention)", jdbc.sql("""
                SELECT COUNT(*) FROM dossier_funding f JOIN dossier d ON d.dossier_number = f.dossier_number
                WHERE d.campaign_key = ?""").param(campaign.key()).query(Long.class).single()));
        stages.add(new CampaignFigures.Stage("PAYES", "Au moins une tranche payée", jdbc.sql("""
                SELECT COUNT(*) FROM dossier_funding f JOIN dossier d ON d.dossier_number = f.dossier_number
                WHERE d.campaign_key = ? AND f.paid_amount > 0""").param(campaign.key()).query(Long.class).single()));
        return stages;
    }

    private long reached(Campaign campaign, List<String> statuses) {
        if (statuses.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                SELECT COUNT(DISTINCT h.dossier_number) FROM dossier_status_change h
                JOIN dossier d ON d.dossier_number = h.dossier_number
                WHERE d.campaign_key = :campaign AND h.status IN (:statuses)""")
                .param("campaign", campaign.key()).param("statuses", statuses).query(Long.class).single();
    }

    List<CampaignFigures.Count> byStatus(Campaign campaign, CallDefinition call) {
        var counts = new LinkedHashMap<String, Long>();
        call.statuses().keySet().forEach(s -> counts.put(s, 0L));
        jdbc.sql("SELECT status, COUNT(*) FROM dossier WHERE campaign_key = ? GROUP BY status").param(campaign.key())
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts.entrySet().stream()
                .map(e -> new CampaignFigures.Count(e.getKey(), call.statusLabel(e.getKey()), e.getValue())).toList();
    }

    /** By the regions the call reads (a fact, a field of a list's records); a call naming none: the campaign's region. */
    List<CampaignFigures.Count> byRegion(Campaign campaign, CallDefinition call) {
        if (call.regions().isEmpty()) {
            long all = jdbc.sql("SELECT COUNT(*) FROM dossier WHERE campaign_key = ?").param(campaign.key()).query(Long.class).single();
            return List.of(new CampaignFigures.Count(campaign.region(), campaign.region(), all));
        }
        return countBy(campaign, call, call.regions());
    }

    List<CampaignFigures.Count> byPublic(Campaign campaign, CallDefinition call) {
        return countBy(campaign, call, call.publics());
    }

    /** Distinct dossiers by each value found at the paths, with its words. */
    private List<CampaignFigures.Count> countBy(Campaign campaign, CallDefinition call, List<String> paths) {
        return dossiers.countBy(campaign.key(), paths).entrySet().stream()
                .map(e -> new CampaignFigures.Count(e.getKey(), label(call, paths, e.getKey()), e.getValue())).toList();
    }

    /** A choice's words in the call's form (« Personnes âgées (PA) »), else the value as written. */
    private static String label(CallDefinition call, List<String> paths, String value) {
        for (var path : paths) {
            int dot = path.indexOf('.');
            var fact = call.fact(dot < 0 ? path : path.substring(0, dot));
            var definition = fact.map(f -> dot < 0 ? f : f.field(path.substring(dot + 1)));
            var choice = definition.map(FactDefinition::choices).map(c -> c.get(value));
            if (choice.isPresent()) {
                return choice.get();
            }
        }
        return value;
    }

    /**
     * From the first entry into {@code UNDER_INSTRUCTION} to the first status declared after it that ends instruction
     * (instructed, decided, or not sent on), for the dossiers that left it; the percentiles in SQL.
     */
    CampaignFigures.Instruction instruction(Campaign campaign, CallDefinition call) {
        var after = call.statusesFrom(DossierStatus.UNDER_INSTRUCTION).stream()
                .filter(s -> !s.equals(DossierStatus.UNDER_INSTRUCTION) && !s.equals(DossierStatus.AWAITING_COMPLEMENTS)).toList();
        long ongoing = jdbc.sql("SELECT COUNT(*) FROM dossier WHERE campaign_key = ? AND status = ?")
                .params(campaign.key(), DossierStatus.UNDER_INSTRUCTION).query(Long.class).single();
        if (after.isEmpty()) {
            return new CampaignFigures.Instruction(0, null, null, ongoing);
        }
        return jdbc.sql("""
                SELECT COUNT(*), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t.days),
                    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY t.days)
                FROM (SELECT (EXTRACT(EPOCH FROM MIN(o.changed_at)) - EXTRACT(EPOCH FROM MIN(i.changed_at))) / 86400.0 AS days
                      FROM dossier_status_change i
                      JOIN dossier d ON d.dossier_number = i.dossier_number
                      JOIN dossier_status_change o ON o.dossier_number = i.dossier_number AND o.status IN (:after)
                          AND o.changed_at >= i.changed_at
                      WHERE d.campaign_key = :campaign AND i.status = :instruction
                      GROUP BY i.dossier_number) t""")
                .param("after", after).param("campaign", campaign.key()).param("instruction", DossierStatus.UNDER_INSTRUCTION)
                .query((rs, i) -> new CampaignFigures.Instruction(rs.getLong(1), days(rs.getObject(2)), days(rs.getObject(3)), ongoing))
                .single();
    }

    private static Double days(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }

    CampaignFigures.Money money(Campaign campaign, CallDefinition call) {
        boolean asked = call.fact("requestedAmount").isPresent();
        long requested = asked
                ? jdbc.sql("""
                        SELECT COALESCE(SUM(CAST(f.value_text AS DECIMAL(18, 2))), 0) FROM dossier_fact f
                        JOIN dossier d ON d.dossier_number = f.dossier_number
                        WHERE d.campaign_key = ? AND f.name = 'requestedAmount'""")
                        .param(campaign.key()).query(java.math.BigDecimal.class).single().longValue()
                : jdbc.sql("SELECT COALESCE(SUM(grant_amount), 0) FROM dossier WHERE campaign_key = ?")
                        .param(campaign.key()).query(Long.class).single();
        var granted = call.grantedStatuses();
        long grantedAmount = granted.isEmpty() ? 0 : jdbc.sql("""
                SELECT COALESCE(SUM(grant_amount), 0) FROM dossier WHERE campaign_key = :campaign AND status IN (:granted)""")
                .param("campaign", campaign.key()).param("granted", granted).query(Long.class).single();
        var ledger = jdbc.sql("""
                SELECT COALESCE(SUM(f.released_amount), 0), COALESCE(SUM(f.paid_amount), 0) FROM dossier_funding f
                JOIN dossier d ON d.dossier_number = f.dossier_number WHERE d.campaign_key = ?""")
                .param(campaign.key()).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return new CampaignFigures.Money(campaign.budgetEnvelope(), requested, !asked, grantedAmount, ledger[0], ledger[1]);
    }

    /**
     * The open tasks of the campaign's processes (its own, its dossiers', the tranches they called) by candidate group:
     * how many, how many past their due date, the oldest's age in days. A task without a candidate group counts under
     * « (sans équipe) ».
     */
    List<CampaignFigures.Team> teams(Campaign campaign) {
        var now = OffsetDateTime.ofInstant(Clock.now(), ZoneOffset.UTC);
        return jdbc.sql("""
                SELECT COALESCE(il.GROUP_ID_, '(sans équipe)'), COUNT(DISTINCT t.ID_),
                    COUNT(DISTINCT CASE WHEN t.DUE_DATE_ < :now THEN t.ID_ END), MIN(t.CREATE_TIME_)
                FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION pi ON pi.ID_ = t.PROC_INST_ID_
                LEFT JOIN ACT_RU_IDENTITYLINK il ON il.TASK_ID_ = t.ID_ AND il.TYPE_ = 'candidate' AND il.GROUP_ID_ IS NOT NULL
                WHERE""" + CAMPAIGN_INSTANCES + """
                 GROUP BY COALESCE(il.GROUP_ID_, '(sans équipe)') ORDER BY 1""")
                .param("campaign", campaign.key()).param("now", now)
                .query((rs, i) -> {
                    var oldest = rs.getTimestamp(4);
                    return new CampaignFigures.Team(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            oldest == null ? null : Duration.between(oldest.toInstant(), Clock.now()).toDays());
                }).list();
    }

    int incidentCount(Campaign campaign) {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_RU_INCIDENT inc JOIN ACT_RU_EXECUTION pi ON pi.ID_ = inc.PROC_INST_ID_ WHERE"
                + CAMPAIGN_INSTANCES).param("campaign", campaign.key()).query(Integer.class).single();
    }

    List<CampaignFigures.Incident> incidents(Campaign campaign) {
        return jdbc.sql("""
                SELECT pi.BUSINESS_KEY_, pd.KEY_, inc.ACTIVITY_ID_, inc.INCIDENT_TYPE_, inc.INCIDENT_MSG_, inc.INCIDENT_TIMESTAMP_
                FROM ACT_RU_INCIDENT inc JOIN ACT_RU_EXECUTION pi ON pi.ID_ = inc.PROC_INST_ID_
                LEFT JOIN ACT_RE_PROCDEF pd ON pd.ID_ = inc.PROC_DEF_ID_
                WHERE""" + CAMPAIGN_INSTANCES + " ORDER BY inc.INCIDENT_TIMESTAMP_ DESC FETCH FIRST " + CampaignFigures.INCIDENTS_SHOWN + " ROWS ONLY")
                .param("campaign", campaign.key())
                .query((rs, i) -> new CampaignFigures.Incident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant().toString()))
                .list();
    }
}
