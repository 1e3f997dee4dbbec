/**
 * Who may do what: staff sign-in (the webapps' session or HTTP Basic against the engine's users), the lock on
 * /engine-rest, and the groups and authorizations a campaign's reviewers and committee need in Tasklist.
 */
package fr.instruire.identity;
