package fr.instruire.campaign;

import java.time.Instant;

/** A campaign as the API shows it: instants, plus the windows as the call would write them. */
record CampaignView(String key, String callId, String title, String region, String timeZone,
                    Instant submissionOpensAt, Instant submissionClosesAt, Instant selectionOpensAt,
                    Instant selectionClosesAt, long budgetEnvelope, String submissionWindow, String selectionWindow) {

    static CampaignView of(Campaign c) {
        return new CampaignView(c.key(), c.callId(), c.title(), c.region(), c.timeZone().getId(),
                c.submissionOpensAt(), c.submissionClosesAt(), c.selectionOpensAt(), c.selectionClosesAt(),
                c.budgetEnvelope(), c.submissionWindowInFrench(), c.selectionWindowInFrench());
    }
}
