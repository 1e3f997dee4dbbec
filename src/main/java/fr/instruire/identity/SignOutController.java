package fr.instruire.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Signs out of Instruire's pages and of the webapps at once: they share the HTTP session, which this ends (Tasklist's
 * own sign-out only removes the webapps' login from it, which also ends the pages' access). A form with the
 * session's token, as every state-changing request from a page.
 */
@Controller
@StaffPage
class SignOutController {

    @PostMapping("/sign-out")
    RedirectView signOut(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        var toSignIn = new RedirectView(StaffPageErrors.SIGN_IN, true);
        toSignIn.setStatusCode(HttpStatus.SEE_OTHER);
        return toSignIn;
    }
}
