package fr.instruire.instruction;

import java.text.Normalizer;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;

/**
 * An institutional partner's opinion on a dossier (the model's input {@code opinionOf} names the partner), kept as the
 * dossier's facts {@code <of>Opinion} and {@code <of>OpinionText} — {@code opinionOf} ARS gives {@code arsOpinion} —
 * which the call's rules may read, and in its history under the label its call's descriptor gives {@code <of>Opinion}.
 */
@Service
class Opinions {

    enum Opinion {
        FAVORABLE("favorable"), RESERVE("réservé"), DEFAVORABLE("défavorable");

        final String label;

        Opinion(String label) {
            this.label = label;
        }
    }

    private final DossierFacts facts;
    private final Dossiers dossiers;
    private final CallFacts calls;

    Opinions(DossierFacts facts, Dossiers dossiers, CallFacts calls) {
        this.facts = facts;
        this.dossiers = dossiers;
        this.calls = calls;
    }

    /** The facts' prefix for a partner: {@code ARS} → {@code ars}, « Conseil départemental » → {@code conseilDepartemental}. */
    static String prefix(String of) {
        var ascii = Normalizer.normalize(of.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        var words = ascii.split("[^A-Za-z0-9]+");
        var prefix = new StringBuilder();
        for (var word : words) {
            if (word.isEmpty()) {
                continue;
            }
            prefix.append(prefix.isEmpty() ? word.toLowerCase(Locale.ROOT)
                    : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        if (prefix.isEmpty() || !Character.isLetter(prefix.charAt(0))) {
            throw new IllegalArgumentException("Entrée « opinionOf » invalide : « " + of + " ».");
        }
        return prefix.toString();
    }

    /** The value a missing opinion is recorded with (« non rendu »), which no partner's form offers. */
    static final String NOT_GIVEN = "NON_RENDU";

    /**
     * The partner gave no opinion by its due date: recorded as « non rendu » (the call's rules read it as no
     * favourable opinion), by the platform. A retry records nothing more; an opinion given meanwhile is kept.
     */
    @Transactional
    public void recordMissing(String number, String of, String actor) {
        var prefix = prefix(of);
        if (facts.of(number).get(prefix + "Opinion") != null) {
            return;
        }
        facts.set(number, prefix + "Opinion", NOT_GIVEN);
        var label = calls.callOf(number).fact(prefix + "Opinion").map(f -> f.label()).orElse("Avis — " + of.strip());
        dossiers.recordEvent(number, actor, "OPINION", label + " : non rendu à la date limite");
    }

    /** Checks the opinion (French message in {@link IllegalArgumentException}), then records it. */
    @Transactional
    public void record(String number, String of, Object opinionValue, Object textValue, String actor) {
        if (of == null || of.isBlank()) {
            throw new IllegalArgumentException("Entrée « opinionOf » manquante : le modèle doit dire de qui est l'avis.");
        }
        Opinion opinion;
        try {
            opinion = Opinion.valueOf(String.valueOf(opinionValue));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Choisissez un avis : favorable, réservé ou défavorable.");
        }
        var text = textValue == null ? "" : textValue.toString().strip();
        if (opinion != Opinion.FAVORABLE && text.isEmpty()) {
            throw new IllegalArgumentException("Motivez un avis " + opinion.label + " : le texte de l'avis est obligatoire.");
        }
        if (text.length() > 8000) {
            throw new IllegalArgumentException("Le texte de l'avis dépasse 8000 caractères.");
        }
        var prefix = prefix(of);
        facts.set(number, prefix + "Opinion", opinion.name());
        facts.set(number, prefix + "OpinionText", text.isEmpty() ? null : text);
        // the history names the opinion as the call's descriptor labels its fact (« Avis de l'ARS »)
        var label = calls.callOf(number).fact(prefix + "Opinion").map(f -> f.label()).orElse("Avis — " + of.strip());
        dossiers.recordEvent(number, actor, "OPINION", "%s : %s%s".formatted(label, opinion.label, text.isEmpty() ? "" : " — " + text));
    }
}
