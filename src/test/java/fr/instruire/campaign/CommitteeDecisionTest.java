package fr.instruire.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.instruire.submission.FormRows.Kind;
import fr.instruire.submission.FormRows.RowField;
import fr.instruire.system.ApiProblem.FieldError;

/** A decision row's other fields, as the step's form defines them, become the dossier's facts, typed as the form's. */
class CommitteeDecisionTest {

    static final List<RowField> ROW = List.of(
            new RowField("dossierNumber", "Dossier", Kind.TEXT, true),
            new RowField("decision", "Décision", Kind.CHOICE, false),
            new RowField("reason", "Motif", Kind.TEXT, false),
            new RowField("interventionRate", "Taux d'intervention (%)", Kind.NUMBER, false),
            new RowField("regionalCofunding", "Cofinancement régional", Kind.BOOLEAN, false),
            new RowField("fundingLine", "Ligne budgétaire", Kind.CHOICE, false),
            new RowField("shownOnly", "Rappel", Kind.TEXT, true));

    @Test
    void theFactFieldsAreTheRowsOtherFieldsTheCommitteeWrites() {
        assertThat(CommitteeDecision.factFields(ROW)).extracting(RowField::key)
                .containsExactly("interventionRate", "regionalCofunding", "fundingLine");
    }

    @Test
    void aRowsOtherFieldsAreReadAndTypedAsTheForm() {
        var decision = CommitteeDecision.read("""
                [{"dossierNumber": "CVL-2026-0001", "decision": "RETENU", "reason": "", "interventionRate": 37.5,
                  "regionalCofunding": true, "fundingLine": "FIR", "shownOnly": "x"}]""").get(0);
        assertThat(decision).isNotEqualTo(new CommitteeDecision("CVL-2026-0001", "RETENU", ""));
        assertThat(decision.facts(CommitteeDecision.factFields(ROW))).containsExactly(
                Map.entry("interventionRate", new BigDecimal("37.5")), Map.entry("regionalCofunding", true),
                Map.entry("fundingLine", "FIR"));
        // empty fields give no fact; a number written as text (serializeToString) is a number
        var sparse = CommitteeDecision.read("""
                [{"dossierNumber": "CVL-2026-0002", "decision": "NON_RETENU", "reason": "Non", "interventionRate": " 40 ",
                  "fundingLine": "", "regionalCofunding": null}]""").get(0);
        assertThat(sparse.facts(CommitteeDecision.factFields(ROW))).containsExactly(Map.entry("interventionRate", new BigDecimal("40")));
        // a decision without other fields equals the three-field one (the CTIS's)
        assertThat(CommitteeDecision.read("[{\"dossierNumber\": \"A\", \"decision\": \"RETENU\", \"reason\": \"\"}]"))
                .containsExactly(new CommitteeDecision("A", "RETENU", ""));
    }

    @Test
    void aValueOfTheWrongTypeOrAListIsRefusedInFrench() {
        var wrong = CommitteeDecision.read("""
                [{"dossierNumber": "CVL-2026-0001", "decision": "RETENU", "reason": "", "interventionRate": "beaucoup"},
                 {"dossierNumber": "CVL-2026-0002", "decision": "RETENU", "reason": "", "regionalCofunding": "oui"}]""");
        assertThatThrownBy(() -> wrong.get(0).facts(CommitteeDecision.factFields(ROW)))
                .hasMessage("dossier CVL-2026-0001 : « Taux d'intervention (%) » attend un nombre");
        assertThatThrownBy(() -> wrong.get(1).facts(CommitteeDecision.factFields(ROW)))
                .hasMessage("dossier CVL-2026-0002 : « Cofinancement régional » attend oui ou non");
        assertThat(CommitteeDecision.check(wrong, Set.of("CVL-2026-0001", "CVL-2026-0002"), false, CommitteeDecision.factFields(ROW)))
                .extracting(FieldError::message).containsExactly(
                        "dossier CVL-2026-0001 : « Taux d'intervention (%) » attend un nombre",
                        "dossier CVL-2026-0002 : « Cofinancement régional » attend oui ou non");

        var tags = List.of(new RowField("labels", "Étiquettes", Kind.CHOICES, false));
        var tagged = CommitteeDecision.read("[{\"dossierNumber\": \"A\", \"decision\": \"RETENU\", \"labels\": [\"x\"]}]").get(0);
        assertThatThrownBy(() -> tagged.facts(tags)).hasMessageContaining("« Étiquettes » est une liste");
    }

    @Test
    void anUnreadableListIsRefusedInFrench() {
        assertThatThrownBy(() -> CommitteeDecision.read("{\"dossierNumber\": \"A\"}"))
                .hasMessageContaining("une liste de décisions est attendue");
        assertThatThrownBy(() -> CommitteeDecision.read("[{\"dossierNumber\": {\"x\": 1}}]"))
                .hasMessageContaining("« dossierNumber » attend un texte");
        assertThatThrownBy(() -> CommitteeDecision.read("[1"))
                .hasMessageStartingWith("Les décisions du comité sont illisibles");
        assertThat(CommitteeDecision.read(null)).isEmpty();
    }
}
