package fr.instruire.identity;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;

import fr.instruire.system.ApiProblem;

/**
 * What {@link StaffPage} promises, before the controller runs: a signed-in staff member (401, which staff pages
 * turn into the Tasklist sign-in), then the form token on state-changing requests (403, nothing written). Pages
 * are never cached (they show personal data, and a signed-out browser must not show them from its cache).
 */
@Component
class StaffPageGuard implements HandlerInterceptor, HandlerMethodArgumentResolver {

    private static final String USER = StaffPageGuard.class.getName() + ".user";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final StaffAuthentication staff;
    private final IdentityService identity;

    StaffPageGuard(StaffAuthentication staff, IdentityService identity) {
        this.staff = staff;
        this.identity = identity;
    }

    static boolean isStaffPage(Object handler) {
        return handler instanceof HandlerMethod method && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), StaffPage.class);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!isStaffPage(handler)) {
            return true;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'");
        request.setAttribute(USER, staff.require(request));
        if (!SAFE_METHODS.contains(request.getMethod()) && !FormTokens.matches(request)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Formulaire refusé",
                    "Ce formulaire a expiré ou ne provient pas d'une page d'Instruire : rien n'a été enregistré. "
                    + "Rechargez la page, puis recommencez.");
        }
        return true;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || !isStaffPage(handler) || isRedirect(page)) {
            return;
        }
        page.addObject("formToken", FormTokens.of(request));
        page.addObject("staff", header(request));
    }

    /** A redirect's model would become its URL's query: the token must never go there. */
    private static boolean isRedirect(ModelAndView page) {
        return page.getView() instanceof SmartView view && view.isRedirectView()
                || page.getViewName() != null && page.getViewName().startsWith("redirect:");
    }

    /** The signed-in member for a page's header, or null before the guard has run. */
    StaffHeader header(HttpServletRequest request) {
        if (!(request.getAttribute(USER) instanceof StaffUser user)) {
            return null;
        }
        var profile = identity.createUserQuery().userId(user.id()).singleResult();
        var name = profile == null ? null
                : ((profile.getFirstName() == null ? "" : profile.getFirstName()) + " "
                + (profile.getLastName() == null ? "" : profile.getLastName())).trim();
        return new StaffHeader(user.id(), name == null || name.isEmpty() ? user.id() : name, user.isAdmin());
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == StaffUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        var request = webRequest.getNativeRequest(HttpServletRequest.class);
        return request.getAttribute(USER) instanceof StaffUser user ? user : staff.require(request);
    }
}
