package fr.instruire.calls.facilisoins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;
import fr.instruire.campaign.ProcessCampaign;
import fr.instruire.submission.TaskFormValues;
import fr.instruire.system.JsonValues;

/**
 * A national selection's agenda (Facilisoins: « une trentaine d'établissements », « équilibre dans la répartition
 * territoriale et les publics accueillis »): the instructed dossiers ranked by score with their region, public and
 * partners' opinions ({@code selectionList}); the places ({@code selectionPlaces}, campaign variable
 * {@code places}, default 30); the balance by region and public ({@code selectionBalance}); and the proposal
 * pre-filled ({@code selectionProposal}): the best {@code places} RETENU, the others NON_RETENU. Every value is read from the dossiers'
 * facts: {@code raisonSociale}, {@code region}, {@code publicAccueilli}, {@code arsOpinion}, {@code cpamOpinion}.
 * Computed each time the task's form is read, never stored ({@link TaskFormValues}).
 */
@Component
class SelectionAgenda implements TaskFormValues {

    /** The marker of a national selection's task ({@link TaskFormValues#MARKER}). */
    static final String SELECTION = "selection";

    static final String PLACES = "places";
    static final String SELECTION_LIST = "selectionList";
    static final String SELECTION_BALANCE = "selectionBalance";
    static final String SELECTION_PLACES = "selectionPlaces";
    static final String SELECTION_PROPOSAL = "selectionProposal";
    static final Set<String> VALUES = Set.of(SELECTION_LIST, SELECTION_BALANCE, SELECTION_PLACES, SELECTION_PROPOSAL);
    static final int DEFAULT_PLACES = 30;

    static final Map<String, String> PUBLICS = Map.of("ENFANTS", "Enfants", "ADULTES", "Adultes",
            "ENFANTS_ET_ADULTES", "Enfants et adultes");
    static final Map<String, String> OPINIONS = Map.of("FAVORABLE", "Favorable", "RESERVE", "Réservé",
            "DEFAVORABLE", "Défavorable");
    static final String NONE = "—";

    private final Dossiers dossiers;
    private final DossierFacts facts;

    private final ProcessCampaign campaign;

    SelectionAgenda(Dossiers dossiers, DossierFacts facts, ProcessCampaign campaign) {
        this.campaign = campaign;
        this.dossiers = dossiers;
        this.facts = facts;
    }

    /**
     * One ranked dossier as the form's table shows it (the columns {@code rank} … {@code grantAmount}: text cells,
     * the grant in euros « 50 000 € »); {@code publicCode} and {@code proposed} serve the balance and the proposal.
     */
    record Line(int rank, String dossierNumber, String establishment, String region, String publicAccueilli,
                Integer score, String arsOpinion, String cpamOpinion, String grantAmount, String publicCode, boolean proposed) {

        Map<String, Object> row() {
            var row = new LinkedHashMap<String, Object>();
            row.put("rank", rank);
            row.put("dossierNumber", dossierNumber);
            row.put("establishment", establishment);
            row.put("region", region);
            row.put("publicAccueilli", publicAccueilli);
            row.put("score", score);
            row.put("arsOpinion", arsOpinion);
            row.put("cpamOpinion", cpamOpinion);
            row.put("grantAmount", grantAmount);
            return row;
        }
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
            var publicCode = f.get("publicAccueilli") == null ? null : f.get("publicAccueilli").toString();
            lines.add(new Line(rank, d.number(), text(f.get("raisonSociale"), d.organisationName()),
                    text(f.get("region"), NONE), label(PUBLICS, publicCode),
                    d.score(), label(OPINIONS, f.get("arsOpinion")), label(OPINIONS, f.get("cpamOpinion")),
                    d.grantAmount() == null ? NONE : French.euros(d.grantAmount()), publicCode, rank <= places));
        }
        return lines;
    }

    /**
     * The balance by region: dossiers instructed, of which receiving children, adults (« enfants et adultes » counts
     * in both), regions in French order, then a total row.
     */
    static List<Map<String, Object>> balance(List<Line> lines) {
        var byRegion = new TreeMap<String, int[]>(French.COLLATOR);
        var total = new int[3];
        for (var line : lines) {
            var counts = byRegion.computeIfAbsent(line.region(), r -> new int[3]);
            for (var c : new int[][] {counts, total}) {
                c[0]++;
                if ("ENFANTS".equals(line.publicCode()) || "ENFANTS_ET_ADULTES".equals(line.publicCode())) {
                    c[1]++;
                }
                if ("ADULTES".equals(line.publicCode()) || "ENFANTS_ET_ADULTES".equals(line.publicCode())) {
                    c[2]++;
                }
            }
        }
        var rows = new ArrayList<Map<String, Object>>();
        byRegion.forEach((region, counts) -> rows.add(balanceRow(region, counts)));
        rows.add(balanceRow("Total", total));
        return rows;
    }

    private static Map<String, Object> balanceRow(String region, int[] counts) {
        var row = new LinkedHashMap<String, Object>();
        row.put("region", region);
        row.put("instructed", counts[0]);
        row.put("enfants", counts[1]);
        row.put("adultes", counts[2]);
        return row;
    }

    /** The proposal the national team edits: the best {@code places} RETENU, the others NON_RETENU, no reason yet. */
    static List<Map<String, Object>> proposal(List<Line> lines) {
        return lines.stream().<Map<String, Object>>map(l -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("dossierNumber", l.dossierNumber());
            row.put("proposal", l.proposed() ? "RETENU" : "NON_RETENU");
            row.put("reason", "");
            return row;
        }).toList();
    }

    @Override
    public Set<String> names(DelegateTask task) {
        return TaskFormValues.marked(task, SELECTION) ? VALUES : Set.of();
    }

    @Override
    public Map<String, TypedValue> values(DelegateTask task) {
        return TaskFormValues.marked(task, SELECTION)
                ? variables(campaign.ofCampaignInstance(task), task.getVariable(PLACES)) : Map.of();
    }

    /** The form {@code facilisoins-proposition-selection}'s values, computed now (never stored: {@link TaskFormValues}). */
    Map<String, TypedValue> variables(String campaignKey, Object placesValue) {
        int places = places(placesValue);
        var lines = lines(campaignKey, places);
        var variables = new LinkedHashMap<String, TypedValue>();
        variables.put(SELECTION_LIST, JsonValues.of(lines.stream().map(Line::row).toList()));
        variables.put(SELECTION_BALANCE, JsonValues.of(balance(lines)));
        variables.put(SELECTION_PLACES, Variables.integerValue(places));
        variables.put(SELECTION_PROPOSAL, JsonValues.of(proposal(lines)));
        return variables;
    }

    private static String text(Object value, String otherwise) {
        return value == null || value.toString().isBlank() ? otherwise : value.toString();
    }

    private static String label(Map<String, String> labels, Object code) {
        return code == null ? NONE : labels.getOrDefault(code.toString(), code.toString());
    }
}
