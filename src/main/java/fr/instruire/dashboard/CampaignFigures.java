package fr.instruire.dashboard;

import java.util.List;

/**
 * What a manager reads of one campaign (the Cockpit plugin's campaign view; the dashboard shows its first lines):
 * each figure computed in SQL from the project's tables and the engine's, for this campaign only.
 *
 * @param funnel      the dossiers that went through each stage, from dépôt to payment
 * @param byStatus    the dossiers in each status today, in the call's order, in its words
 * @param byRegion    the dossiers of each region (a dossier of several regions counts in each)
 * @param byPublic    the dossiers by public, where the call names one ({@code publics} in its descriptor)
 * @param instruction how long instruction took, in days, from entering it to leaving it
 * @param money       the envelope and the euros requested, granted, released and paid
 * @param teams       the open tasks of each team, those past their due date, the oldest's age
 * @param incidents   the engine's incidents on the campaign's processes, newest first (at most {@value #INCIDENTS_SHOWN})
 */
public record CampaignFigures(Campaign campaign, List<Stage> funnel, List<Count> byStatus, List<Count> byRegion,
                              List<Count> byPublic, Instruction instruction, Money money, List<Team> teams,
                              int incidentCount, List<Incident> incidents) {

    static final int INCIDENTS_SHOWN = 20;

    public record Campaign(String key, String title, String callId, String callTitle, String region,
                           String submissionWindow, long dossiers) {
    }

    /** A stage of the funnel: its French name and how many dossiers went through it. */
    public record Stage(String stage, String label, long dossiers) {
    }

    public record Count(String value, String label, long dossiers) {
    }

    /**
     * Days in instruction of the dossiers that left it (median, 90th percentile), and how many are in it now.
     * {@code null} figures when no dossier has left instruction yet.
     */
    public record Instruction(long finished, Double medianDays, Double p90Days, long ongoing) {
    }

    /**
     * Euros: the campaign's envelope; requested — the applicants' {@code requestedAmount}, or, for a call whose rules
     * compute the amount, what the rules computed at instruction ({@code requestedComputed}); granted to the dossiers
     * the call counts as granted; released and paid of the grants opened after the award.
     */
    public record Money(long envelope, long requested, boolean requestedComputed, long granted, long released, long paid) {
    }

    /** A team (a candidate group) and its open tasks on the campaign's dossiers. */
    public record Team(String group, long open, long overdue, Long oldestDays) {
    }

    public record Incident(String dossier, String process, String activity, String type, String message, String since) {
    }
}
