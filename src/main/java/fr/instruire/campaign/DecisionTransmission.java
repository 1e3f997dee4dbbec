package fr.instruire.campaign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.submission.FormRows;

/**
 * A sitting's decisions reach their dossiers in two steps: the whole list is checked first (nothing is sent if one
 * decision is wrong), then each dossier gets its own, in its own job, so that a dossier that cannot be reached does
 * not undo nor hold back the others. A decision row's other fields in the step's form (a rate, an amount: see
 * {@link CommitteeDecision#factFields}) become the dossier's facts with its decision — a call adds one to its form, no
 * Java.
 */
@Service
class DecisionTransmission {

    private final Dossiers dossiers;
    private final DossierFacts facts;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    DecisionTransmission(Dossiers dossiers, DossierFacts facts, RuntimeService runtime, JdbcClient jdbc, JdbcTemplate batches) {
        this.dossiers = dossiers;
        this.facts = facts;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * The numbers of the dossiers the sitting decided on (AJOURNE left out), once each check passed: each is an
     * INSTRUCTED dossier of {@code campaignKey}, named once, with a known decision, and its other fields
     * ({@code rowFields}: the decisions list's row fields in the step's form) can be recorded as facts. Otherwise
     * throws, naming the decision at fault. Each decision checked is kept in {@code committee_decision}, in the same
     * transaction, for its dossier's job to read alone: reading the whole list in each job made a sitting's
     * transmission grow with the square of its dossiers (the benchmark's 10 000 decisions slowed to one a second).
     * An {@code ArrayList}: a list type the engine's deserialisation allow-list accepts.
     */
    ArrayList<String> decidedDossiers(String campaignKey, Object committeeDecisions, List<FormRows.RowField> rowFields) {
        var factFields = CommitteeDecision.factFields(rowFields);
        var decided = new ArrayList<String>();
        var seen = new HashSet<String>();
        var decisions = CommitteeDecision.read(committeeDecisions);
        for (var decision : decisions) {
            if (!decision.decided()) {
                continue;
            }
            var number = decision.dossierNumber();
            var dossier = number == null ? null : dossiers.find(number).orElse(null);
            if (dossier == null || !dossier.campaignKey().equals(campaignKey) || !DossierStatus.INSTRUCTED.equals(dossier.status())
                    || !seen.add(number)) {
                throw new IllegalStateException("Campagne " + campaignKey + " : la décision sur « " + number
                        + " » ne porte pas sur un dossier instruit de la campagne (ou le nomme deux fois) ; aucune décision transmise");
            }
            if (!CommitteeDecision.DECISIONS.contains(decision.decision())) {
                throw new IllegalStateException("Campagne " + campaignKey + " : décision « " + decision.decision()
                        + " » inconnue pour le dossier " + number + " ; aucune décision transmise");
            }
            try {
                decision.facts(factFields);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Campagne " + campaignKey + " : " + e.getMessage() + " ; aucune décision transmise", e);
            }
            decided.add(number);
        }
        keep(campaignKey, decisions, CommitteeDecision.rowsAsJson(committeeDecisions));
        return decided;
    }

    /** The decided rows as checked, one per dossier: the last sitting that decided a dossier is the one kept. */
    private void keep(String campaignKey, List<CommitteeDecision> decisions, List<String> rows) {
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        var deleted = new ArrayList<Object[]>();
        var inserted = new ArrayList<Object[]>();
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i).decided()) {
                deleted.add(new Object[] {campaignKey, decisions.get(i).dossierNumber()});
                inserted.add(new Object[] {campaignKey, decisions.get(i).dossierNumber(), rows.get(i), now});
            }
        }
        batches.batchUpdate("DELETE FROM committee_decision WHERE campaign_key = ? AND dossier_number = ?", deleted);
        batches.batchUpdate("INSERT INTO committee_decision (campaign_key, dossier_number, decision_row, checked_at)"
                + " VALUES (?, ?, ?, ?)", inserted);
    }

    /**
     * Records the sitting's decision on {@code dossierNumber} — its status, its history, and its row's other fields
     * ({@code rowFields}) as facts — and sends it to the dossier's instance (message {@code message}, correlated on the
     * dossier number and the campaign key). A dossier already in the status this decision gives it was reached by an
     * earlier attempt: nothing is recorded nor sent twice.
     */
    void transmit(String campaignKey, String dossierNumber, java.util.function.Supplier<Object> committeeDecisions,
                  List<FormRows.RowField> rowFields, String actor, String message) {
        // the row kept when the sitting was checked; a sitting checked before that table read the whole list
        var kept = jdbc.sql("SELECT decision_row FROM committee_decision WHERE campaign_key = ? AND dossier_number = ?")
                .params(campaignKey, dossierNumber).query(String.class).optional();
        var decisions = CommitteeDecision.read(kept.map(row -> (Object) ("[" + row + "]")).orElseGet(committeeDecisions)).stream()
                .filter(d -> dossierNumber.equals(d.dossierNumber()) && d.decided()).toList();
        if (decisions.size() != 1) {
            throw new IllegalStateException("Campagne " + campaignKey + " : " + decisions.size()
                    + " décision(s) pour le dossier " + dossierNumber + " ; décision non transmise");
        }
        var decision = decisions.get(0);
        var dossier = dossiers.find(dossierNumber).filter(d -> d.campaignKey().equals(campaignKey))
                .orElseThrow(() -> new IllegalStateException("Campagne " + campaignKey + " : pas de dossier "
                        + dossierNumber + " dans la campagne ; décision non transmise"));
        var status = decision.selected() ? DossierStatus.SELECTED : DossierStatus.NOT_SELECTED;
        if (status.equals(dossier.status())) {
            return;
        }
        if (!DossierStatus.INSTRUCTED.equals(dossier.status())) {
            throw new IllegalStateException("Campagne " + campaignKey + " : le dossier " + dossierNumber + " est « "
                    + dossier.status() + " », il n'attend plus de décision ; décision non transmise");
        }
        var factFields = CommitteeDecision.factFields(rowFields);
        Map<String, Object> decided;
        try {
            decided = decision.facts(factFields);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Campagne " + campaignKey + " : " + e.getMessage() + " ; décision non transmise", e);
        }
        var reason = decision.reason() == null ? "" : decision.reason().trim();
        dossiers.updateStatus(dossierNumber, status);
        facts.setAll(dossierNumber, decided);
        dossiers.recordEvent(dossierNumber, actor, "COMMITTEE_DECISION",
                (decision.selected() ? "Retenu" : "Non retenu") + (reason.isEmpty() ? "" : " — " + reason)
                        + (decided.isEmpty() ? "" : " (" + factFields.stream().filter(f -> decided.containsKey(f.key()))
                        .map(f -> f.label() + " : " + shown(decided.get(f.key()))).collect(Collectors.joining(" ; ")) + ")"));
        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(dossierNumber)
                .processInstanceVariableEquals("campaignKey", campaignKey)
                .setVariable("selected", decision.selected())
                .setVariable("committeeReason", reason)
                .correlate();
    }

    private static String shown(Object value) {
        return value instanceof Boolean b ? (b ? "oui" : "non")
                : value instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }
}
