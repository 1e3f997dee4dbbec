package fr.instruire.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.instruire.dossier.Dossiers.CoreField;

/** The generic listeners' parsing and checks, without the engine. */
class FacilisoinsListenersTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void factsNameTheVariablesAndAStarMarksTheRequiredOnes() {
        var spec = FormFacts.Spec.parse(" raisonSociale* , agrement, region*");
        assertThat(spec.names()).containsExactly("raisonSociale", "agrement", "region");
        assertThat(spec.required()).containsExactlyInAnyOrder("raisonSociale", "region");
        assertThatThrownBy(() -> FormFacts.Spec.parse("raison sociale")).hasMessageContaining("nom de variable invalide");
    }

    @Test
    void aMissingRequiredFactOrABadContactAddressRefusesTheForm() {
        var spec = FormFacts.Spec.parse("raisonSociale*,region*,contactEmail");
        var core = new EnumMap<CoreField, String>(FormFacts.parseCore("organisationName=raisonSociale,contactEmail=contactEmail"));
        var values = new HashMap<String, Object>(Map.of("raisonSociale", "MAS Les Écureuils", "contactEmail", "pas-une-adresse"));
        assertThat(FormFacts.problems(spec, core, values)).containsExactly(
                "champ obligatoire non renseigné : region",
                "contactEmail : adresse électronique invalide (« pas-une-adresse »)");
        assertThatThrownBy(() -> FormFacts.parseCore("siret=raisonSociale")).hasMessageContaining("colonne inconnue");
    }

    @Test
    void valuesKeepTheirTypeAndDatesBecomeIsoText() {
        assertThat(FormFacts.typed(true, PARIS)).isEqualTo(true);
        assertThat(FormFacts.typed(12.0, PARIS)).isEqualTo(12.0);
        assertThat(FormFacts.typed("  ", PARIS)).isNull();
        assertThat(FormFacts.typed(Date.from(Instant.parse("2022-01-14T23:00:00Z")), PARIS)).isEqualTo("2022-01-15");
        assertThat(FormFacts.typed(List.of(Map.of("nom", "Dupont")), PARIS)).isEqualTo("[{\"nom\":\"Dupont\"}]");
    }

    @Test
    void aFormWithoutFactsInputRecordsTheAnswersToItsFields() throws Exception {
        var form = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("forms/facilisoins/facilisoins-ecart.form")));
        assertThat(FormFacts.fieldKeys(form)).containsExactly("ecartAnalyse", "ecartSuite");
    }

    @Test
    void opinionFactsAreNamedAfterWhoGaveThem() {
        assertThat(Opinions.prefix("ARS")).isEqualTo("ars");
        assertThat(Opinions.prefix("CPAM")).isEqualTo("cpam");
        assertThat(Opinions.prefix("Conseil départemental")).isEqualTo("conseilDepartemental");
    }

    @Test
    void regionalGroupsAreAsciiSlugs() {
        assertThat(RegionalPartners.slug("Île-de-France")).isEqualTo("ile-de-france");
        assertThat(RegionalPartners.slug("Provence-Alpes-Côte d'Azur")).isEqualTo("provence-alpes-cote-d-azur");
        assertThat(RegionalPartners.slug("La Réunion")).isEqualTo("la-reunion");
    }
}
