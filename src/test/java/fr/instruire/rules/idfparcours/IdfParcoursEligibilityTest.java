package fr.instruire.rules.idfparcours;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Éligibilité du territoire » ({@code idf-parcours-eligibility}): the criteria of the regional call (3.a), read on the
 * SNACs dossier's facts, one reason per criterion not met, none for an eligible territory. A fact not established
 * (false, null or absent) is a criterion not met.
 */
class IdfParcoursEligibilityTest {

    static final String LIBERAL_PROFESSIONALS = "Rule_ProfessionnelsLiberaux";
    static final String HEALTH_ESTABLISHMENTS = "Rule_EtablissementsSanitaires";
    static final String MEDICO_SOCIAL_ESTABLISHMENTS = "Rule_EtablissementsMedicoSociaux";
    static final String GOVERNANCE = "Rule_GouvernanceDecrite";
    static final String SUPPORT_SCHEME = "Rule_DispositifTerritorialAppui";
    static final String PLATFORM_SERVICES = "Rule_ServicesPlateforme";

    /** The criteria in the call's order, each with the rule that refuses it. */
    static final Map<String, String> RULE_OF_FACT = new LinkedHashMap<>();
    static {
        RULE_OF_FACT.put("includesLiberalProfessionals", LIBERAL_PROFESSIONALS);
        RULE_OF_FACT.put("includesHealthEstablishments", HEALTH_ESTABLISHMENTS);
        RULE_OF_FACT.put("includesMedicoSocialEstablishments", MEDICO_SOCIAL_ESTABLISHMENTS);
        RULE_OF_FACT.put("governanceDescribed", GOVERNANCE);
        RULE_OF_FACT.put("territorialSupportScheme", SUPPORT_SCHEME);
        RULE_OF_FACT.put("platformServicesCommitted", PLATFORM_SERVICES);
    }

    static final DecisionUnderTest eligibility = DecisionUnderTest.load(
            "dmn/idf-parcours/idf-parcours-eligibility.dmn", "idf-parcours-eligibility");

    static Map<String, Object> eligibleTerritory() {
        var facts = new HashMap<String, Object>();
        RULE_OF_FACT.keySet().forEach(fact -> facts.put(fact, true));
        return facts;
    }

    static Map<String, Object> eligibleTerritoryWith(String fact, Object value) {
        var facts = eligibleTerritory();
        facts.put(fact, value);
        return facts;
    }

    static List<String> failedRules(Map<String, Object> facts) {
        return eligibility.evaluate(facts).matchedRules();
    }

    static List<String> reasons(Map<String, Object> facts) {
        return eligibility.evaluate(facts).result().collectEntries("reason");
    }

    @Test
    void aTerritoryMeetingEveryCriterionYieldsNoReason() {
        var evaluation = eligibility.evaluate(eligibleTerritory());
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().<String>collectEntries("reason")).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}: refused by {2}")
    @CsvSource({
        "includesLiberalProfessionals,       false, Rule_ProfessionnelsLiberaux",
        "includesLiberalProfessionals,            , Rule_ProfessionnelsLiberaux",
        "includesHealthEstablishments,       false, Rule_EtablissementsSanitaires",
        "includesHealthEstablishments,            , Rule_EtablissementsSanitaires",
        "includesMedicoSocialEstablishments, false, Rule_EtablissementsMedicoSociaux",
        "includesMedicoSocialEstablishments,      , Rule_EtablissementsMedicoSociaux",
        "governanceDescribed,                false, Rule_GouvernanceDecrite",
        "governanceDescribed,                     , Rule_GouvernanceDecrite",
        "territorialSupportScheme,           false, Rule_DispositifTerritorialAppui",
        "territorialSupportScheme,                , Rule_DispositifTerritorialAppui",
        "platformServicesCommitted,          false, Rule_ServicesPlateforme",
        "platformServicesCommitted,               , Rule_ServicesPlateforme"})
    void aCriterionNotMetOrNotEstablishedYieldsItsOwnReasonOnly(String fact, Boolean value, String rule) {
        assertThat(failedRules(eligibleTerritoryWith(fact, value))).containsExactly(rule);
    }

    @Test
    void aFactLeftOutOfTheVariablesIsNotEstablished() {
        for (var criterion : RULE_OF_FACT.entrySet()) {
            var facts = eligibleTerritory();
            facts.remove(criterion.getKey());
            assertThat(failedRules(facts)).as(criterion.getKey()).containsExactly(criterion.getValue());
        }
    }

    @Test
    void aPortageWithoutLiberalProfessionalsIsRefusedWhateverTheEstablishments() {
        assertThat(reasons(eligibleTerritoryWith("includesLiberalProfessionals", false))).singleElement().asString()
                .startsWith("Portage par les professionnels libéraux : ").contains("URPS");
    }

    @Test
    void aTerritoryFailingEveryCriterionYieldsOneReasonPerCriterionInTheCallsOrder() {
        var facts = new HashMap<String, Object>();
        RULE_OF_FACT.keySet().forEach(fact -> facts.put(fact, false));

        var evaluation = eligibility.evaluate(facts);

        assertThat(evaluation.matchedRules()).containsExactlyElementsOf(RULE_OF_FACT.values());
        assertThat(evaluation.result().<String>collectEntries("reason")).containsExactly(
                "Portage par les professionnels libéraux : le projet n’associe pas de professionnels de santé libéraux (dont les URPS) du territoire.",
                "Portage par les établissements sanitaires : le projet n’associe pas d’établissements sanitaires du territoire.",
                "Portage par les établissements médico-sociaux : le projet n’associe pas d’établissements médico-sociaux du territoire.",
                "Gouvernance de la coordination : la proposition ne décrit pas la gouvernance de la coordination proposée.",
                "Dispositif territorial d’appui : aucun dispositif territorial d’appui aux professionnels de santé libéraux n’existe ni n’est proposé sur le territoire.",
                "Services de la plateforme numérique régionale : les services prioritaires nécessaires au projet ne sont pas identifiés ou leurs acteurs ne s’engagent pas à les utiliser.");
    }

    @Test
    void aDossierWithoutFactsYieldsOneReasonPerCriterion() {
        assertThat(failedRules(Map.of())).containsExactlyElementsOf(RULE_OF_FACT.values());
    }

    @Test
    void everyReasonNamesItsCriterionInFrench() {
        assertThat(reasons(Map.of())).hasSameSizeAs(eligibility.ruleIds()).doesNotHaveDuplicates()
                .allSatisfy(reason -> assertThat(reason).matches("^[A-ZÉ][^:]+ : .+\\.$"));
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(eligibility.rulesNeverMatched()).isEmpty();
        assertThat(eligibility.ruleIds()).containsExactlyElementsOf(RULE_OF_FACT.values());
    }
}
