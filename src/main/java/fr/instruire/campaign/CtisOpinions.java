package fr.instruire.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;

/**
 * The opinion of the Comité technique de l'innovation en santé on each dossier proposed for selection (« un avis sur
 * la candidature des dossiers recevables sera émis par le Comité technique de l'innovation en santé »), kept as the
 * dossier's facts {@code ctisOpinion} / {@code ctisOpinionText} and in its history.
 */
@Service
class CtisOpinions {

    static final Set<String> OPINIONS = Set.of("FAVORABLE", "DEFAVORABLE");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Dossiers dossiers;
    private final DossierFacts facts;

    CtisOpinions(Dossiers dossiers, DossierFacts facts) {
        this.dossiers = dossiers;
        this.facts = facts;
    }

    record CtisOpinion(String dossierNumber, String opinion, String text) {
    }

    static List<CtisOpinion> read(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            String json = value instanceof SpinJsonNode node ? node.toString()
                    : value instanceof String s ? s : JSON.writeValueAsString(value);
            return JSON.readValue(json, new TypeReference<List<CtisOpinion>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Les avis du CTIS sont illisibles : " + e.getOriginalMessage(), e);
        }
    }

    /** The dossiers proposed for selection: those the selection's decisions retain. */
    static List<String> proposed(Object committeeDecisions) {
        return CommitteeDecision.read(committeeDecisions).stream().filter(CommitteeDecision::selected)
                .map(CommitteeDecision::dossierNumber).toList();
    }

    /** The CTIS's form pre-filled: one line per proposed dossier, with its organisation. */
    List<Map<String, Object>> blank(List<String> proposed) {
        return proposed.stream().<Map<String, Object>>map(number -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("dossierNumber", number);
            var name = facts.of(number).get("raisonSociale");
            row.put("organisation", name != null ? name.toString() : dossiers.get(number).organisationName());
            row.put("opinion", "");
            row.put("text", "");
            return row;
        }).toList();
    }

    /** What is wrong with the opinions, in French; empty when they can be recorded. */
    static List<String> check(List<CtisOpinion> opinions, List<String> proposed) {
        var problems = new ArrayList<String>();
        var given = new ArrayList<String>();
        for (var o : opinions) {
            if (o.dossierNumber() == null || !proposed.contains(o.dossierNumber())) {
                problems.add("le dossier « " + o.dossierNumber() + " » n'est pas proposé à la sélection");
                continue;
            }
            if (given.contains(o.dossierNumber())) {
                problems.add("deux avis pour le dossier " + o.dossierNumber());
            }
            given.add(o.dossierNumber());
            if (o.opinion() == null || !OPINIONS.contains(o.opinion())) {
                problems.add("dossier " + o.dossierNumber() + " : choisir un avis favorable ou défavorable");
            } else if ("DEFAVORABLE".equals(o.opinion()) && (o.text() == null || o.text().isBlank())) {
                problems.add("dossier " + o.dossierNumber() + " : motiver l'avis défavorable");
            }
        }
        proposed.stream().filter(n -> !given.contains(n)).forEach(n -> problems.add("avis manquant pour le dossier " + n));
        return problems;
    }

    @Transactional
    public void record(List<CtisOpinion> opinions, List<String> proposed, String actor) {
        var problems = check(opinions, proposed);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Avis du CTIS incomplets : " + String.join(" ; ", problems) + ".");
        }
        for (var o : opinions) {
            var text = o.text() == null ? "" : o.text().strip();
            facts.set(o.dossierNumber(), "ctisOpinion", o.opinion());
            facts.set(o.dossierNumber(), "ctisOpinionText", text.isEmpty() ? null : text);
            dossiers.recordEvent(o.dossierNumber(), actor, "OPINION", "Avis du CTIS : "
                    + ("FAVORABLE".equals(o.opinion()) ? "favorable" : "défavorable") + (text.isEmpty() ? "" : " — " + text));
        }
    }
}
