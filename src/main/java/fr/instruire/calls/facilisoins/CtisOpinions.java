package fr.instruire.calls.facilisoins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;

/**
 * The opinion of the Comité technique de l'innovation en santé on the national team's proposal (« un avis sur la
 * candidature des dossiers recevables sera émis par le Comité technique de l'innovation en santé »): one opinion per
 * row of {@code selectionProposal}, kept as the dossier's facts {@code ctisOpinion} / {@code ctisOpinionText} and in
 * its history; then the decisions, in the committee's shape ({@code committeeDecisions}): retained when proposed and
 * favourable.
 */
@Service
class CtisOpinions {

    static final Set<String> OPINIONS = Set.of("FAVORABLE", "DEFAVORABLE");
    static final Set<String> PROPOSALS = Set.of("RETENU", "NON_RETENU");
    static final String DEFAULT_REASON = "Projet non retenu à l'issue de la sélection nationale et de l'avis du CTIS.";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static final int MAX_REASON = 4000;

    private final Dossiers dossiers;
    private final DossierFacts facts;
    private final SelectionProposals proposals;

    CtisOpinions(Dossiers dossiers, DossierFacts facts, SelectionProposals proposals) {
        this.dossiers = dossiers;
        this.facts = facts;
        this.proposals = proposals;
    }

    /** A row's reason as recorded: stripped, "" when none. */
    static String reasonOf(Row row) {
        return row.reason() == null ? "" : row.reason().strip();
    }

    /** One row of the proposal as the CTIS's form returns it. */
    record Row(String dossierNumber, String proposal, String reason, String ctisOpinion, String ctisComment) {

        String comment() {
            return ctisComment == null ? "" : ctisComment.strip();
        }

        boolean retained() {
            return "RETENU".equals(proposal) && "FAVORABLE".equals(ctisOpinion);
        }
    }

    static List<Row> read(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            String json = value instanceof SpinJsonNode node ? node.toString()
                    : value instanceof String s ? s : JSON.writeValueAsString(value);
            return JSON.readValue(json, new TypeReference<List<Row>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("La proposition de sélection est illisible : " + e.getOriginalMessage(), e);
        }
    }

    /**
     * What is wrong with the national team's proposal, in French: every instructed dossier has one row proposing it
     * (RETENU) or not (NON_RETENU), no other dossier. Empty when the proposal can go to the CTIS.
     */
    static List<String> checkProposal(List<Row> rows, List<String> listed) {
        return checkRows(rows, listed, (row, problems) -> {
            if (reasonOf(row).length() > MAX_REASON) {
                problems.add("dossier " + row.dossierNumber() + " : le motif dépasse " + MAX_REASON + " caractères");
            }
        }, "proposition manquante pour le dossier ");
    }

    /**
     * The checks both steps share — each row a dossier of the selection, once, with a proposal — then, row by row,
     * the step's own ({@code more}); a listed dossier without a row gets {@code missing} + its number.
     */
    private static List<String> checkRows(List<Row> rows, List<String> listed, BiConsumer<Row, List<String>> more,
                                          String missing) {
        var problems = new ArrayList<String>();
        var given = new ArrayList<String>();
        for (var row : rows) {
            var number = row.dossierNumber();
            if (number == null || !listed.contains(number)) {
                problems.add("le dossier « " + number + " » n'est pas à la sélection de cette campagne");
                continue;
            }
            if (given.contains(number)) {
                problems.add("deux lignes pour le dossier " + number);
            }
            given.add(number);
            if (row.proposal() == null || !PROPOSALS.contains(row.proposal())) {
                problems.add("dossier " + number + " : proposition manquante (retenu ou non retenu)");
            }
            more.accept(row, problems);
        }
        listed.stream().filter(n -> !given.contains(n)).forEach(n -> problems.add(missing + n));
        return problems;
    }

    /**
     * Checks the national team's proposal before it goes to the CTIS — throws {@link IllegalArgumentException} in
     * French — then records it ({@code selection_proposal}): the CTIS's opinions are given on this record.
     */
    @Transactional
    public void propose(String campaignKey, List<Row> rows, String actor) {
        var listed = dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(d -> d.number()).toList();
        var problems = checkProposal(rows, listed);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Proposition de sélection incomplète : " + String.join(" ; ", problems) + ".");
        }
        proposals.record(campaignKey, rows, actor);
    }

    /**
     * What the CTIS changed in the national team's recorded proposal, in French: a row must carry the dossier's
     * recorded proposal and reason unchanged (only the opinion and the comment are the CTIS's); a dossier the national
     * team did not propose on has no row.
     */
    static List<String> departures(List<Row> rows, Map<String, SelectionProposals.Proposed> recorded) {
        var problems = new ArrayList<String>();
        for (var row : rows) {
            var proposed = recorded.get(row.dossierNumber());
            if (proposed == null) {
                problems.add("le dossier « " + row.dossierNumber() + " » ne figure pas dans la proposition de l'équipe nationale");
            } else if (!proposed.proposal().equals(row.proposal()) || !proposed.reason().equals(reasonOf(row))) {
                problems.add("dossier " + row.dossierNumber() + " : la proposition de l'équipe nationale (« "
                        + ("RETENU".equals(proposed.proposal()) ? "retenu" : "non retenu")
                        + " »" + (proposed.reason().isEmpty() ? "" : ", motif « " + proposed.reason() + " »")
                        + ") ne peut être modifiée par le CTIS, qui donne seulement son avis");
            }
        }
        return problems;
    }

    /** What is wrong with the rows, in French; empty when they can be recorded. {@code listed}: the instructed dossiers. */
    static List<String> check(List<Row> rows, List<String> listed) {
        return checkRows(rows, listed, (row, problems) -> {
            if (row.ctisOpinion() == null || !OPINIONS.contains(row.ctisOpinion())) {
                problems.add("dossier " + row.dossierNumber() + " : choisir un avis favorable ou défavorable");
            } else if ("DEFAVORABLE".equals(row.ctisOpinion()) && row.comment().isEmpty()) {
                problems.add("dossier " + row.dossierNumber() + " : motiver l'avis défavorable");
            }
        }, "avis manquant pour le dossier ");
    }

    /** The decision each dossier gets: RETENU when proposed and favourable, else NON_RETENU with a reason in French. */
    static List<Map<String, Object>> decisions(List<Row> rows) {
        return rows.stream().<Map<String, Object>>map(row -> {
            var decision = new LinkedHashMap<String, Object>();
            decision.put("dossierNumber", row.dossierNumber());
            decision.put("decision", row.retained() ? "RETENU" : "NON_RETENU");
            String reason = "";
            if (!row.retained()) {
                var proposalReason = row.reason() == null ? "" : row.reason().strip();
                reason = !"RETENU".equals(row.proposal()) && !proposalReason.isEmpty() ? proposalReason
                        : "DEFAVORABLE".equals(row.ctisOpinion()) && !row.comment().isEmpty() ? row.comment()
                        : !proposalReason.isEmpty() ? proposalReason : DEFAULT_REASON;
            }
            decision.put("reason", reason);
            return decision;
        }).toList();
    }

    /** Checks, records the opinions and returns the decisions; throws {@link IllegalArgumentException} in French. */
    @Transactional
    public List<Map<String, Object>> record(String campaignKey, List<Row> rows, String actor) {
        var listed = dossiers.inCampaign(campaignKey, DossierStatus.INSTRUCTED).stream().map(d -> d.number()).toList();
        var problems = check(rows, listed);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Avis du CTIS incomplets : " + String.join(" ; ", problems) + ".");
        }
        var recorded = proposals.of(campaignKey);
        var departures = departures(rows, recorded);
        if (!departures.isEmpty()) {
            throw new IllegalArgumentException("Avis du CTIS refusés : " + String.join(" ; ", departures) + ".");
        }
        // the proposal and its reason are the server's record; the opinion and the comment are the CTIS's
        rows = rows.stream().map(row -> new Row(row.dossierNumber(), recorded.get(row.dossierNumber()).proposal(),
                recorded.get(row.dossierNumber()).reason(), row.ctisOpinion(), row.ctisComment())).toList();
        for (var row : rows) {
            var text = row.comment();
            facts.set(row.dossierNumber(), "ctisOpinion", row.ctisOpinion());
            facts.set(row.dossierNumber(), "ctisOpinionText", text.isEmpty() ? null : text);
            dossiers.recordEvent(row.dossierNumber(), actor, "OPINION", "Avis du CTIS sur la proposition « "
                    + ("RETENU".equals(row.proposal()) ? "retenu" : "non retenu") + " » : "
                    + ("FAVORABLE".equals(row.ctisOpinion()) ? "favorable" : "défavorable") + (text.isEmpty() ? "" : " — " + text));
        }
        return decisions(rows);
    }
}
