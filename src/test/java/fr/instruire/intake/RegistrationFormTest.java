package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.call.CallDefinitions;
import fr.instruire.call.FactType;

/** The facts a call expects come from its registration form's JSON, not from Java; so do their checks. */
class RegistrationFormTest {

    final ObjectMapper json = new ObjectMapper();
    final CallDefinitions calls = new CallDefinitions();

    @Test
    void facilisoinsFactsAreTheRegistrationFormsFields() {
        var call = calls.of("facilisoins");
        assertThat(call.registrationForm()).isEqualTo("facilisoins-enregistrement");
        assertThat(call.applicationFacts()).extracting(f -> f.key()).contains("raisonSociale", "statutJuridique",
                "categorieEsms", "agrement", "dateCreation", "adresse", "region", "publicAccueilli", "contactNom",
                "contactEmail", "partProduitsSanteN1", "requestedAmount");
        assertThat(call.fact("region").orElseThrow().type()).isEqualTo(FactType.CHOICE);
        assertThat(call.fact("region").orElseThrow().choices()).hasSize(18).containsKey("Île-de-France");
        assertThat(call.fact("requestedAmount").orElseThrow().type()).isEqualTo(FactType.NUMBER);
        assertThat(call.fact("requestedAmount").orElseThrow().required()).isTrue();
        assertThat(call.fact("dateCreation").orElseThrow().type()).isEqualTo(FactType.DATE);
        assertThat(call.fact("agrement").orElseThrow().required()).isFalse();
    }

    @Test
    void esmsNumeriquesListOfEsmsIsAListOfRecords() {
        var esms = calls.of("esms-numerique").fact("esms").orElseThrow();
        assertThat(esms.type()).isEqualTo(FactType.RECORDS);
        assertThat(esms.fields()).extracting(f -> f.key())
                .containsExactly("finess", "name", "region", "size", "medicalised", "equipmentRequested");
        assertThat(esms.field("size").choices()).containsEntry("PETIT", "Petit");
    }

    @Test
    void factsAreCheckedFieldByField() throws Exception {
        var checked = RegistrationForm.check(calls.of("facilisoins"), Map.of(
                "raisonSociale", node("\"  MAS  \""), "contactEmail", node("\"pas-une-adresse\""),
                "region", node("\"Atlantide\""), "publicAccueilli", node("\"ADULTES\""), "requestedAmount", node("true"),
                "partProduitsSanteN1", node("12.5"), "inconnu", node("1")), key -> "facts.");
        var errors = checked.errors().stream().collect(Collectors.toMap(e -> e.field(), e -> e.message()));
        assertThat(errors).containsEntry("facts.inconnu", "fait inconnu pour cet appel")
                .containsEntry("facts.contactEmail", "adresse e-mail invalide")
                .containsEntry("facts.requestedAmount", "nombre attendu")
                .containsEntry("facts.statutJuridique", "obligatoire")
                .containsKey("facts.region")
                .doesNotContainKeys("facts.raisonSociale", "facts.publicAccueilli", "facts.partProduitsSanteN1", "facts.agrement");
        assertThat(checked.values()).containsEntry("raisonSociale", "MAS").containsEntry("publicAccueilli", "ADULTES");
    }

    @Test
    void eachRecordOfAListIsCheckedAndADerivedFactMustAgree() throws Exception {
        var call = calls.of("esms-numerique");
        var sent = Map.of("publicType", node("\"PA\""), "projectType", node("\"ACQUISITION\""),
                "managingOrganisationSize", node("\"PETIT\""), "managingOrganisationCount", node("2"),
                "coreServicesCount", node("2"), "honourStatementProvided", node("true"),
                "esms", node("""
                        [{"finess": "971000001", "name": "EHPAD", "region": "Guadeloupe", "size": "PETIT", "medicalised": true},
                         {"finess": "97", "name": "SSIAD", "region": "Atlantide", "size": "PETIT", "couleur": "bleu"}]"""),
                "esmsCount", node("2"));
        var errors = RegistrationForm.check(call, sent, key -> "").errors().stream()
                .collect(Collectors.toMap(e -> e.field(), e -> e.message()));
        assertThat(errors).containsOnlyKeys("esms[1].finess", "esms[1].region", "esms[1].couleur");

        var fine = new java.util.HashMap<>(sent);
        fine.put("esms", node("""
                [{"finess": "971000001", "name": "EHPAD", "region": "Guadeloupe", "size": "PETIT", "medicalised": true}]"""));
        fine.put("esmsCount", node("3"));
        var wrongCount = RegistrationForm.check(call, fine, key -> "").errors();
        assertThat(wrongCount).extracting(e -> e.field()).containsExactly("esmsCount");

        fine.put("esmsCount", node("1"));
        var checked = RegistrationForm.check(call, fine, key -> "");
        assertThat(checked.errors()).isEmpty();
        // an unchecked checkbox is false, as the form would send it
        assertThat(checked.values()).containsEntry("purchasingFrameworkCompliant", false);
        assertThat((List<?>) checked.values().get("esms")).hasSize(1).first()
                .isEqualTo(Map.of("finess", "971000001", "name", "EHPAD", "region", "Guadeloupe", "size", "PETIT",
                        "medicalised", true, "equipmentRequested", false));
    }

    JsonNode node(String text) throws Exception {
        return json.readTree(text);
    }
}
