package fr.instruire.intake;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.Dossiers;
import fr.instruire.notification.Mailer;

/**
 * A dossier's applicant gets (again) its access token at the dossier's contact address: a dossier registered from a
 * mail never gave one, and a token can be lost. Whoever asks learns nothing — the same answer whether the number and
 * the address match or not — and only the contact's mailbox receives the new token, which replaces the old one.
 */
@Service
class ApplicantAccess {

    static final String TEMPLATE = "jeton-acces";

    private final Dossiers dossiers;
    private final Mailer mailer;

    ApplicantAccess(Dossiers dossiers, Mailer mailer) {
        this.dossiers = dossiers;
        this.mailer = mailer;
    }

    /** Sends a new token when {@code contactEmail} is the dossier's contact; the token and its mail in one transaction. */
    @Transactional
    public void sendNewToken(String number, String contactEmail) {
        if (dossiers.accessTokenHash(number).isEmpty() || contactEmail == null) {
            return;
        }
        var dossier = dossiers.get(number);
        if (dossier.contactEmail() == null
                || !dossier.contactEmail().strip().toLowerCase(Locale.ROOT).equals(contactEmail.strip().toLowerCase(Locale.ROOT))) {
            return;
        }
        var token = AccessTokens.newToken();
        dossiers.replaceAccessTokenHash(number, AccessTokens.hash(token));
        mailer.send(TEMPLATE, number, null, false, Map.of(Mailer.ACCESS_TOKEN, token));
        dossiers.recordEvent(number, dossier.contactEmail(), "ACCESS_TOKEN_SENT",
                "Nouveau jeton d'accès envoyé à l'adresse du dossier (le précédent n'ouvre plus le dossier)");
    }
}
