package fr.instruire.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

import fr.instruire.system.ApiProblem;

/**
 * Finds the staff member behind a request: the user signed into Tasklist or Cockpit in the same HTTP session
 * (one login for the webapps and Instruire's pages), or HTTP Basic credentials checked against the engine's
 * users for API clients.
 */
@Component
public class StaffAuthentication {

    private final ProcessEngine engine;
    private final IdentityService identity;

    StaffAuthentication(ProcessEngine engine) {
        this.engine = engine;
        this.identity = engine.getIdentityService();
    }

    public Optional<StaffUser> current(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            var auths = AuthenticationUtil.getAuthsFromSession(session);
            if (auths != null && auths.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication user) {
                return Optional.of(new StaffUser(user.getName(), user.getGroupIds() == null ? java.util.List.of() : java.util.List.copyOf(user.getGroupIds())));
            }
        }
        var header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                var userId = decoded.substring(0, colon);
                if (identity.checkPassword(userId, decoded.substring(colon + 1))) {
                    return Optional.of(new StaffUser(userId, AuthenticationUtil.getGroupsOfUser(engine, userId)));
                }
            }
        }
        return Optional.empty();
    }

    /** The staff member, or 401 with a French explanation. */
    public StaffUser require(HttpServletRequest request) {
        return current(request).orElseThrow(() -> ApiProblem.unauthorized(
                "Connectez-vous (session Tasklist ou identifiants HTTP Basic d'un compte du personnel)."));
    }
}
