package fr.instruire.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.CallDefinitions;
import org.springframework.stereotype.Repository;

import fr.instruire.identity.StaffUser;
import fr.instruire.system.Clock;

/** The campaigns of every call, in Instruire's own tables. */
@Repository
public class Campaigns {

    private final JdbcClient jdbc;
    private final CallDefinitions calls;

    Campaigns(JdbcClient jdbc, CallDefinitions calls) {
        this.calls = calls;
        this.jdbc = jdbc;
    }

    public Optional<Campaign> find(String key) {
        return jdbc.sql("SELECT * FROM campaign WHERE campaign_key = ?").param(key).query(Campaigns::map).optional();
    }

    public Campaign get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("Campagne inconnue : " + key));
    }

    public List<Campaign> all() {
        return jdbc.sql("SELECT * FROM campaign ORDER BY submission_opens_at DESC").query(Campaigns::map).list();
    }

    public boolean regionExists(String region) {
        return jdbc.sql("SELECT COUNT(*) FROM region WHERE name = ?").param(region).query(Integer.class).single() > 0;
    }

    /** The ARS of a region, by its official name (« ARS Guadeloupe, Saint-Martin, Saint-Barthélemy »). */
    public String arsName(String region) {
        return jdbc.sql("SELECT ars_name FROM region WHERE name = ?").param(region).query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("Région inconnue : " + region));
    }

    public List<String> regions() {
        return jdbc.sql("SELECT name FROM region ORDER BY name").query(String.class).list();
    }

    void insert(Campaign c) {
        jdbc.sql("""
                INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                    submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                    reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.key(), c.callId(), c.title(), c.region(), c.timeZone().getId(),
                        utc(c.submissionOpensAt()), utc(c.submissionClosesAt()), utc(c.selectionOpensAt()),
                        utc(c.selectionClosesAt()), c.budgetEnvelope(), c.dossierPrefix(), c.reviewerGroup(),
                        c.committeeGroup(), c.complementsDelay(), c.conventionReminderDelay(), c.contactEmail(),
                        utc(Clock.now()))
                .update();
    }

    /** The selection closed by the campaign's last decision, once (a retry keeps the first instant). */
    void closeSelection(String key, java.time.Instant at) {
        jdbc.sql("UPDATE campaign SET selection_closed_at = ? WHERE campaign_key = ? AND selection_closed_at IS NULL")
                .params(utc(at), key).update();
    }

    /** When the campaign's last decision closed its selection, if it did. */
    public java.util.Optional<java.time.Instant> selectionClosedAt(String key) {
        return jdbc.sql("SELECT selection_closed_at FROM campaign WHERE campaign_key = ?").param(key)
                .query((rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class)).optional()
                .map(java.time.OffsetDateTime::toInstant);
    }

    void insertVariables(String key, String json) {
        jdbc.sql("UPDATE campaign SET variables = ? WHERE campaign_key = ?").params(json, key).update();
    }

    /**
     * Whether a staff member works on a campaign: its reviewer or committee group, a group its call names in the
     * campaign's variables (its partners' …Group variables), or an administrator.
     */
    public boolean isOpenTo(Campaign campaign, StaffUser user) {
        return campaign.isOpenTo(user) || variables(campaign).entrySet().stream()
                .anyMatch(v -> v.getKey().endsWith("Group") && v.getValue() instanceof String group && user.groups().contains(group));
    }

    /**
     * The call's own variables given when the campaign was opened, as its processes get them: simple values, dates
     * written as text become {@link java.util.Date}s (a day at its start in the campaign's zone). Empty when none.
     */
    public Map<String, Object> variables(Campaign campaign) {
        var json = jdbc.sql("SELECT variables FROM campaign WHERE campaign_key = ?").param(campaign.key())
                .query(String.class).optional().orElse(null);
        // the call's defaults (its descriptor's campaignDefaults), then what the campaign itself says
        var variables = new java.util.LinkedHashMap<String, Object>(calls.find(campaign.callId())
                .map(CallDefinition::campaignDefaults).orElse(Map.of()));
        variables.putAll(CampaignVariables.parse(json));
        return CampaignVariables.forProcess(variables, campaign.timeZone());
    }

    private static Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(
                rs.getString("campaign_key"),
                rs.getString("call_id"),
                rs.getString("title"),
                rs.getString("region"),
                ZoneId.of(rs.getString("time_zone")),
                rs.getObject("submission_opens_at", OffsetDateTime.class).toInstant(),
                rs.getObject("submission_closes_at", OffsetDateTime.class).toInstant(),
                rs.getObject("selection_opens_at", OffsetDateTime.class).toInstant(),
                rs.getObject("selection_closes_at", OffsetDateTime.class).toInstant(),
                rs.getLong("budget_envelope"),
                rs.getString("dossier_prefix"),
                rs.getString("reviewer_group"),
                rs.getString("committee_group"),
                rs.getString("complements_delay"),
                rs.getString("convention_reminder_delay"),
                rs.getString("contact_email"));
    }

    private static OffsetDateTime utc(java.time.Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
