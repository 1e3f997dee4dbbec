package fr.instruire.dossier;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.CallDefinitions;

/**
 * A dossier's facts as its call reads them: the stored ones ({@link DossierFacts}) with the call's derived facts
 * (a count from a list of records), its regions where the call's descriptor says they are, and each region's
 * share of its grant when the call shares grants between regions.
 */
@Service
public class CallFacts {

    private final JdbcClient jdbc;
    private final DossierFacts facts;
    private final CallDefinitions calls;

    CallFacts(JdbcClient jdbc, DossierFacts facts, CallDefinitions calls) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.calls = calls;
    }

    /** The call of a dossier, from its campaign's row. */
    public CallDefinition callOf(String dossierNumber) {
        var callId = jdbc.sql("""
                SELECT c.call_id FROM dossier d JOIN campaign c ON c.campaign_key = d.campaign_key WHERE d.dossier_number = ?""")
                .param(dossierNumber).query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + dossierNumber));
        return calls.of(callId);
    }

    /** The call of a campaign, from its row. */
    public CallDefinition callOfCampaign(String campaignKey) {
        return calls.of(jdbc.sql("SELECT call_id FROM campaign WHERE campaign_key = ?").param(campaignKey).query(String.class)
                .optional().orElseThrow(() -> new IllegalStateException("Campagne inconnue : " + campaignKey)));
    }

    /** The stored facts and the derived ones, by name, as the decision tables read them. */
    public Map<String, Object> of(String dossierNumber) {
        return of(callOf(dossierNumber), dossierNumber);
    }

    public Map<String, Object> of(CallDefinition call, String dossierNumber) {
        return calls.withDerivedFacts(call.id(), facts.of(dossierNumber));
    }

    public List<String> regions(CallDefinition call, Map<String, Object> facts) {
        return call.regionsOf(facts);
    }

    /** What each region pays of {@code grant} (amounts absent while the grant is unknown); none when the call does not share. */
    public static List<RegionalShare> shares(CallDefinition call, Map<String, Object> facts, Long grant) {
        var rule = call.regionalShares();
        if (rule == null || !(facts.get(rule.records()) instanceof List<?> rows)) {
            return List.of();
        }
        var regions = rows.stream().filter(Map.class::isInstance).map(r -> String.valueOf(((Map<?, ?>) r).get(rule.region()))).toList();
        return RegionalShare.of(grant, regions);
    }
}
