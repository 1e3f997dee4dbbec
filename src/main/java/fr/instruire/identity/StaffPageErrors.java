package fr.instruire.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import fr.instruire.system.ApiProblem;

/**
 * Refusals on staff pages as French HTML pages (the API keeps problem+json): an anonymous visitor is sent to the
 * Tasklist sign-in — the one login of Instruire's staff —, 403 and 404 explain themselves in a page with the
 * usual header. Ordered before the API's handler, which applies to every controller.
 */
@ControllerAdvice(annotations = StaffPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaffPageErrors {

    /** Tasklist's sign-in; it keeps the session, which Instruire's pages read. */
    static final String SIGN_IN = "/camunda/app/tasklist/default/";

    private static final Logger log = LoggerFactory.getLogger(StaffPageErrors.class);
    private final StaffPageGuard guard;

    StaffPageErrors(StaffPageGuard guard) {
        this.guard = guard;
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem e, HttpServletRequest request) {
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            return new ModelAndView("redirect:" + SIGN_IN);
        }
        return page(request, e.status(), e.title(), e.getMessage());
    }

    /** A path segment of the wrong type (a document id that is not a number) names nothing. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, "Introuvable", "Cette adresse ne correspond à aucune page d'Instruire.");
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ModelAndView badRequest(ServletRequestBindingException e, HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, "Requête invalide", "La page demandée n'a pas pu être lue : " + e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        log.error("Erreur inattendue sur {}", request.getRequestURI(), e);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne",
                "Une erreur inattendue est survenue ; rien n'a été enregistré. Réessayez plus tard.");
    }

    private ModelAndView page(HttpServletRequest request, HttpStatus status, String title, String detail) {
        var page = new ModelAndView("error-page");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        var staff = guard.header(request);
        page.addObject("staff", staff);
        if (staff != null) {
            page.addObject("formToken", FormTokens.of(request));
        }
        return page;
    }
}
