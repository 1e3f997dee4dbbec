package fr.instruire.intake;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.StaffAuthentication;
import fr.instruire.instruction.StaffDossierAccess;
import fr.instruire.system.ApiProblem;

/**
 * Who may read or add to a dossier: its applicant, with the dossier's token ({@code Authorization: Bearer …}),
 * or staff who work on its campaign ({@link StaffDossierAccess}, the staff pages' rule). 404 for a number that does
 * not exist.
 */
@Component
class DossierAccess {

    private final Dossiers dossiers;
    private final StaffAuthentication staff;
    private final StaffDossierAccess staffAccess;

    DossierAccess(Dossiers dossiers, StaffAuthentication staff, StaffDossierAccess staffAccess) {
        this.dossiers = dossiers;
        this.staff = staff;
        this.staffAccess = staffAccess;
    }

    /** The acting party's name for the dossier's history. */
    String require(HttpServletRequest request, String number, boolean applicantOnly) {
        var hash = dossiers.accessTokenHash(number)
                .orElseThrow(() -> ApiProblem.notFound("Aucun dossier « " + number + " »."));
        var header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (AccessTokens.matches(header.substring(7).trim(), hash)) {
                return dossiers.get(number).contactEmail();
            }
            throw ApiProblem.unauthorized("Le jeton d'accès ne correspond pas au dossier " + number + ".");
        }
        var user = staff.current(request).orElseThrow(() -> ApiProblem.unauthorized(
                "Présentez le jeton d'accès du dossier (en-tête Authorization: Bearer …) reçu au dépôt."));
        if (applicantOnly) {
            throw ApiProblem.forbidden("Seul le candidat, avec le jeton d'accès de son dossier, effectue cette opération.");
        }
        staffAccess.require(user, number);
        return user.id();
    }
}
