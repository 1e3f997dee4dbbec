package fr.instruire.instruction;

import java.util.List;

import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaign;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.StaffUser;
import fr.instruire.system.ApiProblem;

/**
 * Which dossiers a staff member may see: those of the campaigns they work on — its reviewer group, its committee
 * group — and, for administrators, all ({@link Campaign#isOpenTo}). One rule for the staff pages, the documents
 * and the staff API: 404 for a number that does not exist, 403 for another team's dossier.
 */
@Component
public class StaffDossierAccess {

    private final Dossiers dossiers;
    private final Campaigns campaigns;

    StaffDossierAccess(Dossiers dossiers, Campaigns campaigns) {
        this.dossiers = dossiers;
        this.campaigns = campaigns;
    }

    public Dossier require(StaffUser user, String number) {
        var dossier = dossiers.find(number).orElseThrow(() -> ApiProblem.notFound("Aucun dossier « " + number + " »."));
        if (!campaigns.get(dossier.campaignKey()).isOpenTo(user)) {
            throw ApiProblem.forbidden("Le dossier " + number + " relève d'une autre équipe d'instruction.");
        }
        return dossier;
    }

    public Campaign requireCampaign(StaffUser user, String campaignKey) {
        var campaign = campaigns.find(campaignKey)
                .orElseThrow(() -> ApiProblem.notFound("Aucune campagne « " + campaignKey + " »."));
        if (!campaign.isOpenTo(user)) {
            throw ApiProblem.forbidden("La campagne « " + campaignKey + " » relève d'une autre équipe.");
        }
        return campaign;
    }

    /** The campaigns whose dossiers the member may see, newest first. */
    public List<Campaign> campaigns(StaffUser user) {
        return campaigns.all().stream().filter(c -> c.isOpenTo(user)).toList();
    }
}
