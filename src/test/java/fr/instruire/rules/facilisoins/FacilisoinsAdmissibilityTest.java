package fr.instruire.rules.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.instruire.rules.DecisionUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * « Recevabilité Facilisoins »: one boolean fact per criterion of recevabilité, one reason per criterion not met,
 * none for an admissible dossier. A fact not established (null or absent) is a criterion not met.
 */
class FacilisoinsAdmissibilityTest {

    static final String DEADLINE = "Rule_RespectDuDelai";
    static final String COMPLETE = "Rule_CompletudeDuDossier";
    static final String COORDINATOR = "Rule_CoordinateurDeProjet";
    static final String OBJECTIVES = "Rule_AdequationAuxObjectifs";
    static final String TERRITORY = "Rule_DynamiqueTerritoriale";
    static final String ENGINEERING_COST = "Rule_EstimationCoutIngenierie";
    static final String HEALTH_PRODUCTS = "Rule_PartDesProduitsDeSante";

    /** The criteria in the call's order, each with the rule that refuses it. */
    static final Map<String, String> RULE_OF_FACT = new LinkedHashMap<>();
    static {
        RULE_OF_FACT.put("submittedBeforeDeadline", DEADLINE);
        RULE_OF_FACT.put("dossierComplete", COMPLETE);
        RULE_OF_FACT.put("coordinatorIdentified", COORDINATOR);
        RULE_OF_FACT.put("objectivesAdequate", OBJECTIVES);
        RULE_OF_FACT.put("territorialDynamic", TERRITORY);
        RULE_OF_FACT.put("engineeringCostEstimated", ENGINEERING_COST);
        RULE_OF_FACT.put("healthProductShareMethodology", HEALTH_PRODUCTS);
    }

    static final DecisionUnderTest admissibility = DecisionUnderTest.load(
            "dmn/facilisoins/facilisoins-admissibility.dmn", "facilisoins-admissibility");

    static Map<String, Object> admissibleDossier() {
        var facts = new HashMap<String, Object>();
        RULE_OF_FACT.keySet().forEach(fact -> facts.put(fact, true));
        return facts;
    }

    static Map<String, Object> admissibleDossierWith(String fact, Object value) {
        var facts = admissibleDossier();
        facts.put(fact, value);
        return facts;
    }

    static List<String> failedRules(Map<String, Object> facts) {
        return admissibility.evaluate(facts).matchedRules();
    }

    static List<String> reasons(Map<String, Object> facts) {
        return admissibility.evaluate(facts).result().collectEntries("reason");
    }

    @Test
    void aDossierMeetingEveryCriterionYieldsNoReason() {
        assertThat(reasons(admissibleDossier())).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}: refused by {2}")
    @CsvSource({
        "submittedBeforeDeadline,       false, Rule_RespectDuDelai",
        "submittedBeforeDeadline,            , Rule_RespectDuDelai",
        "dossierComplete,               false, Rule_CompletudeDuDossier",
        "dossierComplete,                    , Rule_CompletudeDuDossier",
        "coordinatorIdentified,         false, Rule_CoordinateurDeProjet",
        "coordinatorIdentified,              , Rule_CoordinateurDeProjet",
        "objectivesAdequate,            false, Rule_AdequationAuxObjectifs",
        "objectivesAdequate,                 , Rule_AdequationAuxObjectifs",
        "territorialDynamic,            false, Rule_DynamiqueTerritoriale",
        "territorialDynamic,                 , Rule_DynamiqueTerritoriale",
        "engineeringCostEstimated,      false, Rule_EstimationCoutIngenierie",
        "engineeringCostEstimated,           , Rule_EstimationCoutIngenierie",
        "healthProductShareMethodology, false, Rule_PartDesProduitsDeSante",
        "healthProductShareMethodology,      , Rule_PartDesProduitsDeSante"})
    void aCriterionNotMetOrNotEstablishedYieldsItsOwnReasonOnly(String fact, Boolean value, String rule) {
        assertThat(failedRules(admissibleDossierWith(fact, value))).containsExactly(rule);
    }

    @Test
    void aFactLeftOutOfTheVariablesIsNotEstablished() {
        for (var criterion : RULE_OF_FACT.entrySet()) {
            var facts = admissibleDossier();
            facts.remove(criterion.getKey());
            assertThat(failedRules(facts)).as(criterion.getKey()).containsExactly(criterion.getValue());
        }
    }

    @Test
    void aCandidatureReceivedLateIsNotAdmissible() {
        assertThat(reasons(admissibleDossierWith("submittedBeforeDeadline", false))).singleElement().asString()
                .startsWith("Respect du délai de transmission : ")
                .contains("toute candidature reçue hors délais n’est pas recevable");
    }

    @Test
    void aDossierFailingEveryCriterionYieldsOneReasonPerCriterionInTheCallsOrder() {
        var facts = new HashMap<String, Object>();
        RULE_OF_FACT.keySet().forEach(fact -> facts.put(fact, false));

        var evaluation = admissibility.evaluate(facts);

        assertThat(evaluation.matchedRules()).containsExactlyElementsOf(RULE_OF_FACT.values());
        assertThat(evaluation.result().<String>collectEntries("reason")).containsExactly(
                "Respect du délai de transmission : la candidature n’a pas été reçue avant la clôture de l’appel à candidatures ; toute candidature reçue hors délais n’est pas recevable.",
                "Complétude du dossier : le dossier de candidature n’est pas complet.",
                "Identification d’un coordinateur de projet : aucun coordinateur de projet n’est identifié dans le dossier.",
                "Adéquation du projet avec les objectifs : le projet ne répond pas aux objectifs du cahier des charges (organisation de la coordination du parcours de santé, coopération avec les professionnels de ville, actions de prévention).",
                "Dynamique territoriale : le projet ne s’inscrit pas dans une dynamique territoriale déjà constituée ou en cours de mise en place.",
                "Estimation du coût d’ingénierie de projet : le dossier ne comporte pas d’estimation des crédits d’amorçage et d’ingénierie.",
                "Part des produits de santé : le dossier ne décrit pas la méthodologie permettant d’identifier la part des produits de santé dans la dotation de l’établissement.");
    }

    @Test
    void aDossierWithoutFactsYieldsOneReasonPerCriterion() {
        assertThat(failedRules(Map.of())).containsExactlyElementsOf(RULE_OF_FACT.values());
    }

    @Test
    void everyReasonNamesItsCriterionInFrench() {
        assertThat(reasons(Map.of())).hasSameSizeAs(admissibility.ruleIds()).doesNotHaveDuplicates()
                .allSatisfy(reason -> assertThat(reason).matches("^[A-ZÉ][^:]+ : .+\\.$"));
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(admissibility.rulesNeverMatched()).isEmpty();
        assertThat(admissibility.ruleIds()).containsExactlyElementsOf(RULE_OF_FACT.values());
    }
}
