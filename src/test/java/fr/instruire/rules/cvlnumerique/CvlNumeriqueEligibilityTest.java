package fr.instruire.rules.cvlnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Éligibilité » of the AMI: a project covering one or more CPTS, a pilot structure designated by the collective, a
 * candidature received before the closing. One reason per criterion not met, none for an eligible project; a fact not
 * established (null or absent) is a criterion not met.
 */
class CvlNumeriqueEligibilityTest {

    static final String FILE = "dmn/cvl-numerique/cvl-numerique-eligibility.dmn";
    static final String CPTS = "Rule_TerritoireCpts";
    static final String PILOT = "Rule_StructurePilote";
    static final String DEADLINE = "Rule_DateLimiteDepot";

    static final DecisionUnderTest eligibility = DecisionUnderTest.load(FILE, "cvl-numerique-eligibility");

    static Map<String, Object> eligibleProject() {
        var facts = new HashMap<String, Object>();
        facts.put("cptsCount", 1);
        facts.put("pilotStructureDesignated", true);
        facts.put("submittedBeforeDeadline", true);
        return facts;
    }

    static Map<String, Object> eligibleProjectWith(String fact, Object value) {
        var facts = eligibleProject();
        facts.put(fact, value);
        return facts;
    }

    static List<String> reasons(Map<String, Object> facts) {
        return eligibility.evaluate(facts).result().collectEntries("reason");
    }

    @Test
    void aProjectMeetingEveryCriterionYieldsNoReason() {
        assertThat(eligibility.evaluate(eligibleProject()).matchedRules()).isEmpty();
        assertThat(reasons(eligibleProject())).isEmpty();
    }

    @ParameterizedTest(name = "{0} CPTS: eligible")
    @CsvSource({"1", "2", "12"})
    void oneCptsOrMoreIsEnough(long cptsCount) {
        assertThat(reasons(eligibleProjectWith("cptsCount", cptsCount))).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}: refused by {2}")
    @CsvSource({
        "cptsCount,                    0, Rule_TerritoireCpts",
        "cptsCount,                     , Rule_TerritoireCpts",
        "pilotStructureDesignated, false, Rule_StructurePilote",
        "pilotStructureDesignated,      , Rule_StructurePilote",
        "submittedBeforeDeadline,  false, Rule_DateLimiteDepot",
        "submittedBeforeDeadline,       , Rule_DateLimiteDepot"})
    void eachCriterionNotMetGivesItsOwnReason(String fact, String value, String rule) {
        Object typed = value == null ? null : "cptsCount".equals(fact) ? (Object) Long.valueOf(value) : Boolean.valueOf(value);
        var evaluation = eligibility.evaluate(eligibleProjectWith(fact, typed));

        assertThat(evaluation.matchedRules()).containsExactly(rule);
        assertThat(evaluation.result().<String>collectEntries("reason")).singleElement().asString().isNotBlank();
    }

    @Test
    void aFactAbsentFromTheDossierIsACriterionNotMet() {
        var facts = eligibleProject();
        facts.remove("pilotStructureDesignated");
        assertThat(eligibility.evaluate(facts).matchedRules()).containsExactly(PILOT);
    }

    @Test
    void everyCriterionNotMetIsReportedEachWithTheCriterionsName() {
        var facts = new HashMap<String, Object>();
        facts.put("cptsCount", 0);
        facts.put("pilotStructureDesignated", false);
        facts.put("submittedBeforeDeadline", false);

        var evaluation = eligibility.evaluate(facts);

        assertThat(evaluation.matchedRules()).containsExactly(CPTS, PILOT, DEADLINE);
        assertThat(evaluation.result().<String>collectEntries("reason")).satisfiesExactly(
                cpts -> assertThat(cpts).startsWith("Territoire d’une ou plusieurs CPTS : "),
                pilot -> assertThat(pilot).startsWith("Structure juridique pilote : "),
                late -> assertThat(late).startsWith("Date limite de dépôt : "));
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(eligibility.rulesNeverMatched()).isEmpty();
        assertThat(eligibility.ruleIds()).containsExactly(CPTS, PILOT, DEADLINE);
    }
}
