package fr.instruire.decision;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.instruire.identity.StaffAuthentication;
import fr.instruire.instruction.StaffDossierAccess;
import fr.instruire.system.ApiProblem;

/**
 * {@code POST /api/campaigns/{key}/what-if} with a changed DMN file (as Modeler saves it) as the body: the campaign's
 * dossiers whose outcome would change, for its staff who are process owners (administrators).
 */
@RestController
class WhatIfController {

    private final WhatIf whatIf;
    private final StaffAuthentication staff;
    private final StaffDossierAccess access;

    WhatIfController(WhatIf whatIf, StaffAuthentication staff, StaffDossierAccess access) {
        this.whatIf = whatIf;
        this.staff = staff;
        this.access = access;
    }

    @PostMapping(path = "/api/campaigns/{key}/what-if", consumes = {"application/xml", "text/xml", "application/octet-stream"})
    WhatIf.Report whatIf(@PathVariable String key, @RequestBody byte[] dmn, HttpServletRequest request) {
        var user = staff.require(request);
        if (!user.isAdmin()) {
            throw ApiProblem.forbidden("Réservé aux responsables des modèles (administrateurs).");
        }
        return whatIf.compare(access.requireCampaign(user, key), dmn);
    }
}
