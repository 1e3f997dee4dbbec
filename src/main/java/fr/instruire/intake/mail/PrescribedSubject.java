package fr.instruire.intake.mail;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The subject a call prescribes (« MON APPEL – appel à candidatures »), recognised the way a person reads it.
 * Both subjects are compared letters and digits only: case, accents, dashes (- – — …), quotes (« » " “ ”…),
 * punctuation and spaces do not count. A subject matches when it <em>begins</em> with the prescribed words; what
 * follows is free (« MON APPEL – appel à candidatures – EHPAD Les Mimosas »). Anything before them — a reply or
 * forward prefix (RE:, TR:, Fwd:, AW:…), « Question sur … » — does not match: such a message goes to a reviewer,
 * who makes it a dossier in one choice if it is one. A wrong dossier would cost more than a triage task: it starts
 * a dossier process and mails its sender.
 */
final class PrescribedSubject {

    private final String words;

    PrescribedSubject(String prescribed) {
        this.words = normalise(prescribed);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("objet prescrit vide : « " + prescribed + " »");
        }
    }

    boolean matches(String subject) {
        var candidate = normalise(subject);
        return candidate.equals(words) || candidate.startsWith(words + " ");
    }

    /** « RE: Mon appel — Appel à candidatures » → « re mon appel appel a candidatures » */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        var withoutAccents = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
