package fr.instruire.dashboard;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fr.instruire.identity.StaffAuthentication;
import fr.instruire.instruction.StaffDossierAccess;

/**
 * The figures the Cockpit plugin shows, for the signed-in staff member (the Cockpit session, or HTTP Basic): {@code GET
 * /api/dashboard/campaigns} — every campaign they may see, with its figures — and {@code GET
 * /api/dashboard/campaigns/{key}} — one (403 for another team's campaign, 404 for none). Who may see a campaign is the
 * rule of its dossiers' pages: its teams, the groups its variables name (its managers: {@code managerGroup}),
 * administrators.
 */
@RestController
class DashboardController {

    private final StaffAuthentication staff;
    private final StaffDossierAccess access;
    private final CampaignDashboard dashboard;

    DashboardController(StaffAuthentication staff, StaffDossierAccess access, CampaignDashboard dashboard) {
        this.staff = staff;
        this.access = access;
        this.dashboard = dashboard;
    }

    /** What the signed-in member may do from the plugin, beside reading: simulate a changed decision (process owners). */
    record Viewer(String user, boolean processOwner) {
    }

    record Campaigns(Viewer viewer, List<CampaignFigures> campaigns) {
    }

    record OneCampaign(Viewer viewer, CampaignFigures figures) {
    }

    @GetMapping("/api/dashboard/campaigns")
    Campaigns campaigns(HttpServletRequest request) {
        var user = staff.require(request);
        return new Campaigns(new Viewer(user.id(), user.isAdmin()),
                access.campaigns(user).stream().map(dashboard::figures).toList());
    }

    @GetMapping("/api/dashboard/campaigns/{key}")
    OneCampaign campaign(@PathVariable String key, HttpServletRequest request) {
        var user = staff.require(request);
        return new OneCampaign(new Viewer(user.id(), user.isAdmin()), dashboard.figures(access.requireCampaign(user, key)));
    }
}
