package fr.instruire.instruction;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.instruire.identity.StaffPage;
import fr.instruire.identity.StaffUser;

/**
 * A campaign's dossiers as CSV or XLSX, and the committee's ranked list as PDF, for the staff who may see the campaign (its teams, its call's groups,
 * administrators) — the list page's rule; 403 for another team.
 */
@Controller
@StaffPage
class DossierExportController {

    private final StaffDossierAccess access;
    private final DossierExports exports;

    DossierExportController(StaffDossierAccess access, DossierExports exports) {
        this.access = access;
        this.exports = exports;
    }

    @GetMapping("/dossiers/export.csv")
    void csv(@RequestParam String campaign, StaffUser user, HttpServletResponse response) throws IOException {
        var c = access.requireCampaign(user, campaign);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + c.key() + "-dossiers.csv\"");
        exports.csv(c, response.getOutputStream());
    }

    @GetMapping("/dossiers/committee.pdf")
    void committee(@RequestParam String campaign, StaffUser user, HttpServletResponse response) throws IOException {
        var c = access.requireCampaign(user, campaign);
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + c.key() + "-comite.pdf\"");
        exports.committeePdf(c, response.getOutputStream());
    }

    @GetMapping("/dossiers/export.xlsx")
    void xlsx(@RequestParam String campaign, StaffUser user, HttpServletResponse response) throws IOException {
        var c = access.requireCampaign(user, campaign);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + c.key() + "-dossiers.xlsx\"");
        exports.xlsx(c, response.getOutputStream());
    }
}
