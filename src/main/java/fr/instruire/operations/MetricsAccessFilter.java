package fr.instruire.operations;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import fr.instruire.identity.StaffAuthentication;

/**
 * {@code /actuator/*} but the health: for a signed-in member of the monitoring group ({@code
 * instruire.monitoring-group}, « instruire-monitoring ») or an administrator — the figures name campaigns and amounts.
 * 401 without a sign-in, 403 for another staff member.
 */
@Component
class MetricsAccessFilter extends OncePerRequestFilter {

    private final StaffAuthentication staff;
    private final String monitoringGroup;

    MetricsAccessFilter(StaffAuthentication staff, @Value("${instruire.monitoring-group:instruire-monitoring}") String monitoringGroup) {
        this.staff = staff;
        this.monitoringGroup = monitoringGroup;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI();
        return !path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var user = staff.current(request);
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Instruire\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Connexion requise");
            return;
        }
        if (!user.get().isInAny(monitoringGroup)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Réservé au groupe " + monitoringGroup);
            return;
        }
        chain.doFilter(request, response);
    }
}
