package fr.instruire.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of server-rendered staff pages. Every request to it needs a signed-in staff member (the
 * Tasklist session, or HTTP Basic); an anonymous visitor is sent to the Tasklist sign-in. Every state-changing
 * request carries the session's form token (hidden field {@code _csrf}, or header {@code X-CSRF-Token}), or is
 * refused with nothing written. Refusals render as French HTML pages, not problem+json. A controller method may
 * take the signed-in {@link StaffUser} as an argument.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StaffPage {
}
