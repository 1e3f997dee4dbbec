package fr.instruire.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The contract read from the call's real forms: what each lets its user write, and what it refuses. */
class FormContractTest {

    final ObjectMapper json = new ObjectMapper();

    static FormContract form(String path) throws IOException {
        try (var in = new FileInputStream(path)) {
            return FormContract.read(in);
        }
    }

    JsonNode node(Object value) {
        return json.valueToTree(value);
    }

    Map<String, JsonNode> submission(Object... pairs) {
        var map = new java.util.LinkedHashMap<String, JsonNode>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], node(pairs[i + 1]));
        }
        return map;
    }

    static Function<String, JsonNode> nothing() {
        return name -> null;
    }

    @Test
    void theInstructionFormTakesItsMarksAndCommentOnly() throws IOException {
        var instruction = form("forms/esms-numerique/esms-numerique-instruction.form");
        assertThat(instruction.keys()).containsExactlyInAnyOrder("scoreMotivation", "scorePerimetreFonctionnel",
                "scoreMutualisation", "scoreInteroperabilite", "scorePlateformeRegionale", "instructionComment");

        var marks = submission("scoreMotivation", 4, "scorePerimetreFonctionnel", 4, "scoreMutualisation", 3,
                "scoreInteroperabilite", 5, "scorePlateformeRegionale", 2, "instructionComment", "Projet mûr.");
        assertThat(instruction.violations(marks, List.of(), nothing(), true)).isEmpty();

        var forged = new java.util.LinkedHashMap<>(marks);
        forged.put("grantAmount", node(9_999_999));
        forged.put("score", node(999));
        assertThat(instruction.violations(forged, List.of(), nothing(), true)).containsExactly(
                "« grantAmount » n'est pas un champ du formulaire de cette tâche",
                "« score » n'est pas un champ du formulaire de cette tâche");
    }

    @Test
    void typesBoundsAndChoicesAreTheForms() throws IOException {
        var recevabilite = form("forms/esms-numerique/esms-numerique-recevabilite.form");
        assertThat(recevabilite.violations(submission("recevabiliteDecision", "ACCEPTE"), List.of(), nothing(), false))
                .singleElement().asString().contains("« ACCEPTE » n'est pas une valeur proposée");
        assertThat(recevabilite.violations(submission("recevabiliteDecision", "RECEVABLE", "recevabiliteComment", 12),
                List.of(), nothing(), false)).singleElement().asString().contains("attend un texte");

        var instruction = form("forms/esms-numerique/esms-numerique-instruction.form");
        assertThat(instruction.violations(submission("scoreMotivation", "cinq"), List.of(), nothing(), false))
                .singleElement().asString().contains("attend un nombre");
        assertThat(instruction.violations(submission("scoreMotivation", 4.5), List.of(), nothing(), false))
                .singleElement().asString().contains("attend un nombre entier");
        assertThat(instruction.violations(submission("scoreMotivation", 6), List.of(), nothing(), false))
                .singleElement().asString().contains("doit être compris entre 0 et 5");

        var committee = form("forms/esms-numerique/esms-numerique-seance-comite.form");
        assertThat(committee.violations(submission("lastSitting", "oui"), List.of(), nothing(), false))
                .singleElement().asString().contains("attend oui ou non");
    }

    @Test
    void aCommitteeDecidesTheRowsTheServerPreparedAndNoOther() throws IOException {
        var committee = form("forms/esms-numerique-seance-comite.form".replace("forms/", "forms/esms-numerique/"));
        var prepared = node(List.of(Map.of("dossierNumber", "ESMS-2026-0001", "decision", "", "reason", "")));
        Function<String, JsonNode> current = name -> "committeeDecisions".equals(name) ? prepared : null;

        var decided = submission("committeeDecisions", List.of(Map.of("dossierNumber", "ESMS-2026-0001", "decision", "RETENU", "reason", "")),
                "lastSitting", false);
        assertThat(committee.violations(decided, List.of(), current, true)).isEmpty();

        var foreign = submission("committeeDecisions", List.of(Map.of("dossierNumber", "ESMS-2026-0008", "decision", "NON_RETENU", "reason", "x")));
        assertThat(committee.violations(foreign, List.of(), current, true)).singleElement().asString()
                .contains("« Décisions du comité », ligne 1, « Dossier » est en lecture seule");

        var added = submission("committeeDecisions", List.of(
                Map.of("dossierNumber", "ESMS-2026-0001", "decision", "RETENU", "reason", ""),
                Map.of("dossierNumber", "ESMS-2026-0008", "decision", "NON_RETENU", "reason", "x")));
        assertThat(committee.violations(added, List.of(), current, true)).singleElement().asString()
                .contains("1 lignes préparées par le serveur, 2 reçues");

        var undecided = submission("committeeDecisions", List.of(Map.of("dossierNumber", "ESMS-2026-0001", "decision", "", "reason", "")));
        assertThat(committee.violations(undecided, List.of(), current, true)).singleElement().asString()
                .contains("« Décision » est obligatoire");
    }

    @Test
    void theEsmsSittingsDecisionRowsCarryNoFieldBeyondTheDossierTheDecisionAndTheReason() throws IOException {
        // every other row field of a sitting's form becomes a fact of the dossier: ESMS numérique's records none
        assertThat(form("forms/esms-numerique/esms-numerique-seance-comite.form").rows("committeeDecisions").keySet())
                .containsExactly("dossierNumber", "decision", "reason");
        assertThat(form("src/test/resources/committee-row-fields/esms-numerique-seance-comite.form").rows("committeeDecisions").keySet())
                .containsExactly("dossierNumber", "decision", "reason", "interventionRate", "grantedAmount", "regionalCofunding");
        assertThat(form("forms/facilisoins/facilisoins-avis-ctis.form").rows("committeeDecisions")).isEmpty();
    }

    @Test
    void theCtisGivesItsOpinionWithoutTouchingTheNationalProposal() throws IOException {
        var ctis = form("forms/facilisoins/facilisoins-avis-ctis.form");
        var prepared = node(List.of(Map.of("dossierNumber", "FACI-2026-0001", "proposal", "NON_RETENU", "reason", "Hors places",
                "ctisOpinion", "", "ctisComment", "")));
        Function<String, JsonNode> current = name -> "selectionProposal".equals(name) ? prepared : null;

        var opinion = submission("selectionProposal", List.of(Map.of("dossierNumber", "FACI-2026-0001", "proposal", "NON_RETENU",
                "reason", "Hors places", "ctisOpinion", "DEFAVORABLE", "ctisComment", "")));
        assertThat(ctis.violations(opinion, List.of(), current, true)).isEmpty();

        var flipped = submission("selectionProposal", List.of(Map.of("dossierNumber", "FACI-2026-0001", "proposal", "RETENU",
                "reason", "Hors places", "ctisOpinion", "FAVORABLE", "ctisComment", "")));
        assertThat(ctis.violations(flipped, List.of(), current, true)).singleElement().asString()
                .contains("« Proposition de l'équipe nationale » est en lecture seule");
    }

    @Test
    void removingAVariableIsLimitedToTheFormsFields() throws IOException {
        var opinion = form("forms/facilisoins/facilisoins-avis.form");
        assertThat(opinion.violations(Map.of(), List.of("opinionText"), nothing(), false)).isEmpty();
        assertThat(opinion.violations(Map.of(), List.of("opinionOf"), nothing(), false)).singleElement().asString()
                .contains("« opinionOf » ne peut pas être supprimé");
        assertThat(opinion.violations(submission("opinionOf", "CPAM", "opinion", "FAVORABLE",
                "opinionText", "Bonne articulation."), List.of(), nothing(), true))
                .singleElement().asString().contains("« opinionOf » n'est pas un champ du formulaire");
    }

    @Test
    void aCompletionCarriesTheFieldsTheFormRequires() throws IOException {
        var opinion = form("forms/facilisoins/facilisoins-avis.form");
        assertThat(opinion.violations(submission("opinion", "FAVORABLE"), List.of(), nothing(), true)).singleElement().asString()
                .isEqualTo("« Motivation de l'avis » est obligatoire");
        assertThat(opinion.violations(submission("opinion", "FAVORABLE"), List.of(), nothing(), false)).isEmpty();
    }

    @Test
    void aDateFieldTakesIsoDatesAndNumbersTakeDecimals() throws IOException {
        var arrete = form("forms/facilisoins/facilisoins-arrete.form");
        assertThat(arrete.violations(submission("arreteDate", "2026-05-01", "arreteReference", "NOR X"), List.of(), nothing(), false)).isEmpty();
        assertThat(arrete.violations(submission("arreteDate", "2026-05-01T00:00:00Z"), List.of(), nothing(), false)).isEmpty();
        assertThat(arrete.violations(submission("arreteDate", "demain"), List.of(), nothing(), false)).singleElement().asString()
                .contains("attend une date");
        var registration = form("forms/facilisoins/facilisoins-enregistrement.form");
        assertThat(registration.violations(submission("partProduitsSanteN1", 12.5, "region", "Île-de-France"), List.of(), nothing(), false)).isEmpty();
        assertThat(registration.violations(submission("region", "Atlantide"), List.of(), nothing(), false)).singleElement().asString()
                .contains("« Atlantide » n'est pas une valeur proposée");
    }

    @Test
    void everyFormOfEveryCallIsReadable() throws IOException {
        try (var forms = java.nio.file.Files.walk(java.nio.file.Path.of("forms"))) {
            for (var path : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
                assertThat(form(path.toString()).keys()).as(path.toString()).isNotEmpty();
            }
        }
    }

    /**
     * A text component renders Markdown (links included): it may insert only what the server writes — numbers, keys,
     * codes — never an applicant's words (a file name, an écart), which html components show escaped.
     */
    @Test
    void noMarkdownTextInsertsWhatAnApplicantWrote() throws IOException {
        var serverValues = java.util.Set.of("dossierNumber", "campaignKey", "selectionPlaces", "receivedLate",
                "arsOpinion", "cpamOpinion", "opinionOf");
        var inserted = java.util.regex.Pattern.compile("\\{\\{\\s*(?:#if|#loop|/if|/loop)?\\s*([^}]*)}}");
        try (var forms = java.nio.file.Files.walk(java.nio.file.Path.of("forms"))) {
            for (var path : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
                for (var text : json.readTree(path.toFile()).findParents("type")) {
                    if (!"text".equals(text.path("type").asText())) {
                        continue;
                    }
                    // a list counted shows a number, not its content
                    var matcher = inserted.matcher(text.path("text").asText().replaceAll("count\\([^)]*\\)", "0")
                            .replaceAll("\"[^\"]*\"", "0"));
                    while (matcher.find()) {
                        var names = java.util.regex.Pattern.compile("[A-Za-z_][\\w.]*").matcher(matcher.group(1));
                        while (names.find()) {
                            var name = names.group();
                            assertThat(serverValues.contains(name) || java.util.Set.of("count", "and", "or", "not").contains(name))
                                    .as(path + " " + text.path("id").asText() + " insère « " + name + " » dans du Markdown").isTrue();
                        }
                    }
                }
            }
        }
    }
}
