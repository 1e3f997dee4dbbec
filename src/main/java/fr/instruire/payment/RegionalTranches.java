package fr.instruire.payment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;

/**
 * What each funding agency pays of a dossier's recorded grant: the call's regional shares (pro rata of the records of
 * each region), or the whole grant for the campaign's region when the call does not share. Amounts add up to the grant.
 */
@Component
class RegionalTranches {

    private final CallFacts facts;
    private final Dossiers dossiers;
    private final Campaigns campaigns;

    RegionalTranches(CallFacts facts, Dossiers dossiers, Campaigns campaigns) {
        this.facts = facts;
        this.dossiers = dossiers;
        this.campaigns = campaigns;
    }

    /** Region → its share of the recorded grant, in the order of the dossier's records. */
    Map<String, Long> of(String number) {
        var dossier = dossiers.get(number);
        var grant = dossier.grantAmount();
        if (grant == null) {
            throw new IllegalStateException("Dossier " + number + " : aucune subvention enregistrée à partager entre les régions");
        }
        var call = facts.callOf(number);
        var shares = new LinkedHashMap<String, Long>();
        CallFacts.shares(call, facts.of(call, number), grant).stream().filter(s -> s.amount() != null && s.amount() > 0)
                .forEach(s -> shares.put(s.region(), s.amount()));
        if (shares.isEmpty()) {
            shares.put(campaigns.get(dossier.campaignKey()).region(), grant);
        }
        return shares;
    }
}
