package fr.instruire.instruction;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.instruire.call.CallDefinitions;
import fr.instruire.call.FactType;
import fr.instruire.dossier.DossierSummary;
import java.util.Map;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.StaffPage;
import fr.instruire.identity.StaffUser;
import fr.instruire.system.ApiProblem;

/**
 * A campaign's dossiers for its staff, filtered by status and region, newest first or best score first; without
 * a campaign, the campaigns the staff member works on.
 */
@Controller
@StaffPage
class DossierListController {

    private final StaffDossierAccess access;
    private final Dossiers dossiers;
    private final CallDefinitions calls;

    DossierListController(StaffDossierAccess access, Dossiers dossiers, CallDefinitions calls) {
        this.calls = calls;
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
        var call = calls.of(c.callId());
        if (!blank(status) && !call.hasStatus(status)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Filtre invalide", "Statut « " + status + " » inconnu pour cet appel.");
        }
        var statusFilter = blank(status) ? null : status;
        var regionFilter = blank(region) ? null : region;
        boolean byScore = "score".equals(sort);
        var columns = call.view(call.listView());
        var facts = dossiers.factsInCampaign(c.key(), call.listView());
        model.addAttribute("campaign", c);
        model.addAttribute("call", call);
        model.addAttribute("columns", columns);
        model.addAttribute("rows", dossiers.list(c.key(), statusFilter, regionFilter, byScore).stream()
                .map(r -> new Row(r, columns.stream().map(f -> f.type() == FactType.RECORDS
                        ? String.valueOf(facts.getOrDefault(r.number(), Map.of()).getOrDefault(f.key(), 0L))
                        : f.words(facts.getOrDefault(r.number(), Map.of()).get(f.key()))).toList()))
                .toList());
        model.addAttribute("status", statusFilter == null ? "" : statusFilter);
        model.addAttribute("region", regionFilter == null ? "" : regionFilter);
        model.addAttribute("sort", byScore ? "score" : "date");
        model.addAttribute("statuses", call.statuses());
        model.addAttribute("regions", dossiers.regions(c.key()));
        model.addAttribute("fmt", new PageFormat(c.timeZone(), call));
        return "dossiers/list";
    }

    /** A line of the list: the dossier, and its call's list columns in words ({@code views.list} of its descriptor). */
    record Row(DossierSummary dossier, List<String> values) {
    }


    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
