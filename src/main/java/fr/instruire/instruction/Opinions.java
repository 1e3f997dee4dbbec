package fr.instruire.instruction;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;

/**
 * An institutional partner's opinion on a dossier (Facilisoins: the ARS and the CPAM of its region), kept as the
 * dossier's facts {@code <of>Opinion} and {@code <of>OpinionText} — {@code arsOpinion}, {@code cpamOpinion} — which the
 * selection grid reads, and in its history.
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

    /** How the history names who gave it: « de l'ARS », « de la CPAM »; another label as given. */
    private static final Map<String, String> OF = Map.of("ARS", "de l'ARS", "CPAM", "de la CPAM", "CTIS", "du CTIS");

    private final DossierFacts facts;
    private final Dossiers dossiers;

    Opinions(DossierFacts facts, Dossiers dossiers) {
        this.facts = facts;
        this.dossiers = dossiers;
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

    /** Checks the opinion (French message in {@link IllegalArgumentException}), then records it. */
    @Transactional
    public void record(String number, String of, Object opinionValue, Object textValue, String actor) {
        if (of == null || of.isBlank()) {
            throw new IllegalArgumentException("Entrée « opinionOf » manquante : le modèle doit dire de qui est l'avis (ARS, CPAM…).");
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
        var who = OF.getOrDefault(of.strip().toUpperCase(Locale.ROOT), "— " + of.strip());
        dossiers.recordEvent(number, actor, "OPINION", "Avis %s : %s%s".formatted(who, opinion.label, text.isEmpty() ? "" : " — " + text));
    }
}
