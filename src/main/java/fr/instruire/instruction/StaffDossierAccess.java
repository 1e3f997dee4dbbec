package fr.instruire.instruction;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaign;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.StaffUser;
import fr.instruire.system.ApiProblem;

/**
 * Which dossiers a staff member may see: those of the campaigns they work on — its reviewer group, its committee
 * group, the groups its call names in the campaign's variables (its partners' …Group variables) —
 * and the dossiers on which one of their groups was given a task (an ARS or a CPAM asked for its opinion on one
 * dossier of a national call sees that dossier, not the others); administrators see all. One rule for the staff
 * pages, the documents and the staff API: 404 for a number that does not exist, 403 for another team's dossier.
 */
@Component
public class StaffDossierAccess {

    private final Dossiers dossiers;
    private final Campaigns campaigns;
    private final HistoryService history;

    StaffDossierAccess(Dossiers dossiers, Campaigns campaigns, HistoryService history) {
        this.dossiers = dossiers;
        this.campaigns = campaigns;
        this.history = history;
    }

    public Dossier require(StaffUser user, String number) {
        var dossier = dossiers.find(number).orElseThrow(() -> ApiProblem.notFound("Aucun dossier « " + number + " »."));
        if (!isOpenTo(campaigns.get(dossier.campaignKey()), user) && !workedOn(user, number)) {
            throw ApiProblem.forbidden("Le dossier " + number + " relève d'une autre équipe d'instruction.");
        }
        return dossier;
    }

    /** The campaign's own groups: reviewers, committee, and every {@code …Group} its call's variables name. */
    private boolean isOpenTo(Campaign campaign, StaffUser user) {
        return campaigns.isOpenTo(campaign, user);
    }

    /** Whether one of the member's groups was a candidate for a task of this dossier, open or done. */
    private boolean workedOn(StaffUser user, String number) {
        return user.groups().stream().anyMatch(group -> history.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(number).taskHadCandidateGroup(group).count() > 0);
    }

    public Campaign requireCampaign(StaffUser user, String campaignKey) {
        var campaign = campaigns.find(campaignKey)
                .orElseThrow(() -> ApiProblem.notFound("Aucune campagne « " + campaignKey + " »."));
        if (!isOpenTo(campaign, user)) {
            throw ApiProblem.forbidden("La campagne « " + campaignKey + " » relève d'une autre équipe.");
        }
        return campaign;
    }

    /** The campaigns whose dossiers the member may see, newest first. */
    public List<Campaign> campaigns(StaffUser user) {
        return campaigns.all().stream().filter(c -> isOpenTo(c, user)).toList();
    }
}
