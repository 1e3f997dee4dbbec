package fr.instruire.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.WebUtils;

/**
 * The synchronizer token against cross-site request forgery on staff pages: one random token per HTTP session,
 * written in each page's forms and compared on every state-changing request. Another site can make a browser send
 * the session cookie, never read the token. A new session (Tasklist's sign-in starts one) gets a new token.
 * Camunda's own CSRF filter covers /camunda/api only.
 */
final class FormTokens {

    static final String PARAMETER = "_csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = FormTokens.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormTokens() {
    }

    /** The session's token, created with the session if needed. */
    static String of(HttpServletRequest request) {
        var session = request.getSession();
        synchronized (WebUtils.getSessionMutex(session)) {
            var token = (String) session.getAttribute(ATTRIBUTE);
            if (token == null) {
                var bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(ATTRIBUTE, token);
            }
            return token;
        }
    }

    /** Whether the request carries its session's token (compared in constant time). */
    static boolean matches(HttpServletRequest request) {
        var session = request.getSession(false);
        var expected = session == null ? null : (String) session.getAttribute(ATTRIBUTE);
        var given = request.getParameter(PARAMETER);
        if (given == null) {
            given = request.getHeader(HEADER);
        }
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }
}
