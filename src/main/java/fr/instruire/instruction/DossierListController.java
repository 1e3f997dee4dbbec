package fr.instruire.instruction;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.StaffPage;
import fr.instruire.identity.StaffUser;
import fr.instruire.system.ApiProblem;

/**
 * A campaign's dossiers for its staff, filtered by status and ESMS region, newest first or best score first; without
 * a campaign, the campaigns the staff member works on.
 */
@Controller
@StaffPage
class DossierListController {

    private final StaffDossierAccess access;
    private final Dossiers dossiers;

    DossierListController(StaffDossierAccess access, Dossiers dossiers) {
        this.access = access;
        this.dossiers = dossiers;
    }

    @GetMapping("/dossiers")
    String list(@RequestParam(required = false) String campaign, @RequestParam(required = false) String status,
                @RequestParam(required = false) String region, @RequestParam(required = false) String sort,
                StaffUser user, Model model) {
        if (blank(campaign)) {
            model.addAttribute("campaigns", access.campaigns(user));
            model.addAttribute("counts", dossiers.countByCampaign());
            return "dossiers/campaigns";
        }
        var c = access.requireCampaign(user, campaign);
        var statusFilter = blank(status) ? null : status(status);
        var regionFilter = blank(region) ? null : region;
        boolean byScore = "score".equals(sort);
        model.addAttribute("campaign", c);
        model.addAttribute("rows", dossiers.list(c.key(), statusFilter, regionFilter, byScore));
        model.addAttribute("status", statusFilter == null ? "" : statusFilter.name());
        model.addAttribute("region", regionFilter == null ? "" : regionFilter);
        model.addAttribute("sort", byScore ? "score" : "date");
        model.addAttribute("statuses", List.of(DossierStatus.values()));
        model.addAttribute("regions", dossiers.regions(c.key()));
        model.addAttribute("fmt", new PageFormat(c.timeZone()));
        return "dossiers/list";
    }

    private static DossierStatus status(String code) {
        return Arrays.stream(DossierStatus.values()).filter(s -> s.name().equals(code)).findFirst()
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "Filtre invalide",
                        "Statut « " + code + " » inconnu."));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
