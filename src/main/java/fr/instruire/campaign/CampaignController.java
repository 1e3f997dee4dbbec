package fr.instruire.campaign;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.StaffAuthentication;
import fr.instruire.system.ApiProblem;

/** Campaigns: their public calendar, their opening by an administrator, and the committee's list for staff. */
@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    private final Campaigns campaigns;
    private final CampaignService service;
    private final Dossiers dossiers;
    private final StaffAuthentication staff;
    private final CallFacts callFacts;

    CampaignController(Campaigns campaigns, CampaignService service, Dossiers dossiers, StaffAuthentication staff,
                       CallFacts callFacts) {
        this.callFacts = callFacts;
        this.campaigns = campaigns;
        this.service = service;
        this.dossiers = dossiers;
        this.staff = staff;
    }

    @GetMapping
    List<CampaignView> list() {
        return campaigns.all().stream().map(CampaignView::of).toList();
    }

    @GetMapping("/{campaignKey}")
    CampaignView get(@PathVariable String campaignKey) {
        return CampaignView.of(campaigns.find(campaignKey)
                .orElseThrow(() -> ApiProblem.notFound("Aucune campagne « " + campaignKey + " ».")));
    }

    @PostMapping
    ResponseEntity<CampaignView> open(@Valid @RequestBody CampaignDefinition definition, HttpServletRequest request) {
        if (!staff.require(request).isAdmin()) {
            throw ApiProblem.forbidden("Seul un administrateur ouvre une campagne.");
        }
        var campaign = service.open(definition);
        return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.key())).body(CampaignView.of(campaign));
    }

    /** The committee's list: dossiers of a status, best score first, with each ARS's share. */
    @GetMapping("/{campaignKey}/dossiers")
    List<CommitteeLine> dossiers(@PathVariable String campaignKey,
                                 @RequestParam(defaultValue = "INSTRUCTED") String status,
                                 HttpServletRequest request) {
        var campaign = campaigns.find(campaignKey)
                .orElseThrow(() -> ApiProblem.notFound("Aucune campagne « " + campaignKey + " »."));
        if (!campaign.isOpenTo(staff.require(request))) {
            throw ApiProblem.forbidden("Cette campagne relève d'une autre équipe.");
        }
        return dossiers.inCampaign(campaignKey, status).stream().map(d -> CommitteeLine.of(d, callFacts)).toList();
    }
}
