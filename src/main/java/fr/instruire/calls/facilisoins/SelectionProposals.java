package fr.instruire.calls.facilisoins;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.system.Clock;

/**
 * The national team's proposal as the server recorded it when « Proposer la sélection » completed (table
 * {@code selection_proposal}): what the CTIS gives its opinion on. Proposing again replaces the campaign's rows.
 */
@Repository
class SelectionProposals {

    /** One dossier's proposal: RETENU or NON_RETENU, and the national team's reason ("" when none). */
    record Proposed(String proposal, String reason) {
    }

    private final JdbcClient jdbc;

    SelectionProposals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(String campaignKey, List<CtisOpinions.Row> rows, String actor) {
        var now = Clock.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("DELETE FROM selection_proposal WHERE campaign_key = ?").param(campaignKey).update();
        for (var row : rows) {
            jdbc.sql("""
                    INSERT INTO selection_proposal (campaign_key, dossier_number, proposal, reason, proposed_at, proposed_by)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(campaignKey, row.dossierNumber(), row.proposal(), CtisOpinions.reasonOf(row), now, actor)
                    .update();
        }
    }

    /** The campaign's recorded proposal by dossier number, in the order of the rows; empty when none was recorded. */
    Map<String, Proposed> of(String campaignKey) {
        var proposed = new LinkedHashMap<String, Proposed>();
        jdbc.sql("SELECT dossier_number, proposal, reason FROM selection_proposal WHERE campaign_key = ? ORDER BY dossier_number")
                .param(campaignKey)
                .query((rs, i) -> proposed.put(rs.getString(1), new Proposed(rs.getString(2), rs.getString(3))))
                .list();
        return proposed;
    }
}
