package fr.instruire.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;

/**
 * A national selection's agenda (Facilisoins: « une trentaine d'établissements », « équilibre dans la répartition
 * territoriale et les publics accueillis »): the instructed dossiers ranked by score with their region, public and
 * partners' opinions; the count against the places; the balance by region and by public; and the decisions
 * pre-filled, the best {@code places} proposed (RETENU), the others to decide. Every value is read from the dossiers'
 * facts: {@code raisonSociale}, {@code region}, {@code publicAccueilli}, {@code arsOpinion}, {@code cpamOpinion}.
 */
@Component
class SelectionAgenda {

    static final String PLACES = "places";
    static final int DEFAULT_PLACES = 30;

    static final Map<String, String> PUBLICS = Map.of("ENFANTS", "Enfants", "ADULTES", "Adultes",
            "ENFANTS_ET_ADULTES", "Enfants et adultes");
    static final Map<String, String> OPINIONS = Map.of("FAVORABLE", "Favorable", "RESERVE", "Réservé",
            "DEFAVORABLE", "Défavorable");
    static final String NONE = "—";

    private final Dossiers dossiers;
    private final DossierFacts facts;

    SelectionAgenda(Dossiers dossiers, DossierFacts facts) {
        this.dossiers = dossiers;
        this.facts = facts;
    }

    /** One ranked dossier as the form's table shows it (plain text cells). */
    record Line(int rank, String dossierNumber, String url, String organisation, String region, String publicAccueilli,
                String arsOpinion, String cpamOpinion, Integer score, Long grantAmount, String grant, boolean proposed) {
    }

    static int places(Object value) {
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_PLACES;
        }
        int places = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
        if (places < 1) {
            throw new IllegalArgumentException("Variable « places » : un nombre de places positif est attendu, reçu " + value + ".");
        }
        return places;
    }

    List<Line> lines(String campaignKey, int places) {
        var lines = new ArrayList<Line>();
        for (var d : dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED)) {
            var f = facts.of(d.number());
            int rank = lines.size() + 1;
            lines.add(new Line(rank, d.number(), "/dossiers/" + d.number(), text(f.get("raisonSociale"), d.organisationName()),
                    text(f.get("region"), NONE), label(PUBLICS, f.get("publicAccueilli")),
                    label(OPINIONS, f.get("arsOpinion")), label(OPINIONS, f.get("cpamOpinion")), d.score(),
                    d.grantAmount(), d.grantAmount() == null ? NONE : French.euros(d.grantAmount()), rank <= places));
        }
        return lines;
    }

    /** Counts by region and by public, over the instructed dossiers and over those proposed. */
    static List<Map<String, Object>> balance(List<Line> lines) {
        var rows = new ArrayList<Map<String, Object>>();
        addBalance(rows, "Région", lines, Line::region);
        addBalance(rows, "Public accueilli", lines, Line::publicAccueilli);
        return rows;
    }

    private static void addBalance(List<Map<String, Object>> rows, String dimension, List<Line> lines, Function<Line, String> key) {
        var instructed = new TreeMap<String, Integer>();
        var proposed = new TreeMap<String, Integer>();
        for (var line : lines) {
            instructed.merge(key.apply(line), 1, Integer::sum);
            if (line.proposed()) {
                proposed.merge(key.apply(line), 1, Integer::sum);
            }
        }
        instructed.forEach((value, count) -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("dimension", dimension);
            row.put("value", value);
            row.put("instructed", count);
            row.put("proposed", proposed.getOrDefault(value, 0));
            rows.add(row);
        });
    }

    Map<String, Object> variables(String campaignKey, Object placesValue) {
        int places = places(placesValue);
        var lines = lines(campaignKey, places);
        long proposed = lines.stream().filter(Line::proposed).count();
        var summary = new LinkedHashMap<String, Object>();
        summary.put("instructed", lines.size());
        summary.put("places", places);
        summary.put("proposed", proposed);
        summary.put("text", "%d dossier%s instruit%s ; %d proposé%s pour %d places".formatted(lines.size(),
                s(lines.size()), s(lines.size()), proposed, s((int) proposed), places));
        var decisions = lines.stream().map(l -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("dossierNumber", l.dossierNumber());
            row.put("decision", l.proposed() ? "RETENU" : "");
            row.put("reason", "");
            return row;
        }).toList();
        var variables = new LinkedHashMap<String, Object>();
        variables.put("selectionList", CommitteeAgenda.json(lines));
        variables.put("selectionSummary", CommitteeAgenda.json(summary));
        variables.put("selectionBalance", CommitteeAgenda.json(balance(lines)));
        variables.put("committeeDecisions", CommitteeAgenda.json(decisions));
        variables.put("committeeListSize", lines.size());
        return variables;
    }

    private static String s(int n) {
        return n > 1 ? "s" : "";
    }

    private static String text(Object value, String otherwise) {
        return value == null || value.toString().isBlank() ? otherwise : value.toString();
    }

    private static String label(Map<String, String> labels, Object code) {
        return code == null ? NONE : labels.getOrDefault(code.toString(), code.toString());
    }
}
