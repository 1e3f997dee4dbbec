package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The facts a call expects come from its registration form's JSON, not from Java. */
class RegistrationFormTest {

    final ObjectMapper json = new ObjectMapper();
    final RegistrationForm forms = new RegistrationForm(json);

    @Test
    void facilisoinsFactsAreTheRegistrationFormsFields() {
        var facts = forms.of("facilisoins").orElseThrow();
        assertThat(facts.formId()).isEqualTo("facilisoins-enregistrement");
        assertThat(facts.byName()).containsKeys("raisonSociale", "statutJuridique", "categorieEsms", "agrement", "dateCreation",
                "adresse", "region", "publicAccueilli", "contactNom", "contactEmail", "partProduitsSanteN1", "requestedAmount");
        assertThat(facts.byName().get("region").kind()).isEqualTo(RegistrationForm.Kind.CHOICE);
        assertThat(facts.byName().get("region").options()).hasSize(18).contains("Île-de-France");
        assertThat(facts.byName().get("requestedAmount").kind()).isEqualTo(RegistrationForm.Kind.NUMBER);
        assertThat(facts.byName().get("requestedAmount").required()).isTrue();
        assertThat(facts.byName().get("dateCreation").kind()).isEqualTo(RegistrationForm.Kind.DATE);
        assertThat(facts.byName().get("agrement").required()).isFalse();
    }

    @Test
    void aCallWithoutRegistrationFormHasNoGenericShape() {
        assertThat(forms.of("esms-numerique")).isEmpty();
        assertThat(forms.of("../etc")).isEmpty();
    }

    @Test
    void factsAreCheckedFieldByField() throws Exception {
        var facts = forms.of("facilisoins").orElseThrow();
        var checked = RegistrationForm.check(facts, Map.of(
                "raisonSociale", node("\"  MAS  \""), "contactEmail", node("\"pas-une-adresse\""),
                "region", node("\"Atlantide\""), "publicAccueilli", node("\"ADULTES\""), "requestedAmount", node("true"),
                "partProduitsSanteN1", node("12.5"), "inconnu", node("1")));
        var errors = checked.errors().stream().collect(java.util.stream.Collectors.toMap(e -> e.field(), e -> e.message()));
        assertThat(errors).containsEntry("facts.inconnu", "fait inconnu pour cet appel")
                .containsEntry("facts.contactEmail", "adresse e-mail invalide")
                .containsEntry("facts.requestedAmount", "nombre attendu")
                .containsEntry("facts.statutJuridique", "obligatoire")
                .containsKey("facts.region")
                .doesNotContainKeys("facts.raisonSociale", "facts.publicAccueilli", "facts.partProduitsSanteN1", "facts.agrement");
        assertThat(checked.values()).containsEntry("raisonSociale", "MAS").containsEntry("publicAccueilli", "ADULTES");
    }

    JsonNode node(String text) throws Exception {
        return json.readTree(text);
    }
}
