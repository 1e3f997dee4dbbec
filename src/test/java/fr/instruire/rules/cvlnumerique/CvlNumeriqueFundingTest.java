package fr.instruire.rules.cvlnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.instruire.rules.DecisionUnderTest;

/**
 * « Subvention », evaluated after the funders' committee: a selected project gets its eligible cost times the rate the
 * committee set; the 40–80 % range is « à titre indicatif », so a rate outside it is applied as set and flagged, never
 * brought back into the range. A project not selected gets half of its engineering or AMO service when the specific
 * support is offered, nothing otherwise.
 */
class CvlNumeriqueFundingTest {

    static final String FILE = "dmn/cvl-numerique/cvl-numerique-funding.dmn";
    static final String WITHIN_RANGE = "Rule_RetenuTauxIndicatif";
    static final String OUTSIDE_RANGE = "Rule_RetenuTauxHorsFourchette";
    static final String SUPPORT = "Rule_NonRetenuAccompagnement";
    static final String NO_SUPPORT = "Rule_NonRetenuSansAccompagnement";

    static final DecisionUnderTest funding = DecisionUnderTest.load(FILE, "cvl-numerique-funding");

    static Map<String, Object> selected(Object eligibleCost, Object interventionRate) {
        var facts = new HashMap<String, Object>();
        facts.put("selected", true);
        facts.put("eligibleCost", eligibleCost);
        facts.put("interventionRate", interventionRate);
        facts.put("supportOffered", null);
        facts.put("engineeringServiceCost", null);
        return facts;
    }

    static Map<String, Object> notSelected(Object supportOffered, Object engineeringServiceCost) {
        var facts = new HashMap<String, Object>();
        facts.put("selected", false);
        facts.put("eligibleCost", 150_000L);
        facts.put("interventionRate", null);
        facts.put("supportOffered", supportOffered);
        facts.put("engineeringServiceCost", engineeringServiceCost);
        return facts;
    }

    @ParameterizedTest(name = "{1} % of {0} €: {2} €, within the range: {3} ({4})")
    @CsvSource({
        // the boundaries of « de 40 à 80 % », both included
        "100000, 39, 39000,  false, Rule_RetenuTauxHorsFourchette",
        "100000, 40, 40000,  true,  Rule_RetenuTauxIndicatif",
        "100000, 60, 60000,  true,  Rule_RetenuTauxIndicatif",
        "100000, 80, 80000,  true,  Rule_RetenuTauxIndicatif",
        "100000, 81, 81000,  false, Rule_RetenuTauxHorsFourchette",
        // the ends of what a committee can set
        "100000,  0,     0,  false, Rule_RetenuTauxHorsFourchette",
        "100000, 100, 100000, false, Rule_RetenuTauxHorsFourchette",
        // to the euro below
        "33333, 45, 14999,   true,  Rule_RetenuTauxIndicatif",
        "150000, 85, 127500, false, Rule_RetenuTauxHorsFourchette",
        "0, 60, 0,            true,  Rule_RetenuTauxIndicatif"})
    void aSelectedProjectGetsItsEligibleCostTimesTheCommitteesRate(long cost, long rate, long grant, boolean within,
                                                                    String rule) {
        var evaluation = funding.evaluate(selected(cost, rate));

        assertThat(evaluation.matchedRules()).containsExactly(rule);
        var result = evaluation.result().getSingleResult();
        assertThat(result.<Object>getEntry("grantAmount")).isEqualTo(grant);
        assertThat(result.<Object>getEntry("rateWithinIndicativeRange")).isEqualTo(within);
    }

    @ParameterizedTest(name = "{0} %: flagged outside the range")
    @CsvSource({"39.5", "80.5"})
    void aRateJustOutsideTheRangeIsFlaggedToo(double rate) {
        var result = funding.evaluate(selected(100_000L, rate)).result().getSingleResult();
        assertThat(result.<Boolean>getEntry("rateWithinIndicativeRange")).isFalse();
        assertThat(result.<Long>getEntry("grantAmount")).isEqualTo((long) Math.floor(1000 * rate));
    }

    @ParameterizedTest(name = "cost {0}, rate {1}: no amount")
    @CsvSource({
        // a rate beyond what a rate can be: no amount rather than more than the project's cost, or a negative one
        "100000, 101",
        "100000, -1",
        // a fact missing: no amount rather than 0 €
        "100000,    ",
        "      , 60",
        "-1,     60"})
    void aSelectedProjectWithoutACostOrAPlausibleRateGetsNoAmount(Long cost, Double rate) {
        var evaluation = funding.evaluate(selected(cost, rate));
        assertThat(evaluation.matchedRules()).isEmpty();
        assertThat(evaluation.result().getResultList()).isEmpty();
    }

    @ParameterizedTest(name = "service of {0} €: {1} €")
    @CsvSource({"30000, 15000", "24999, 12499", "0, 0"})
    void aProjectNotSelectedOfferedTheSupportGetsHalfOfItsServiceCost(long serviceCost, long grant) {
        var evaluation = funding.evaluate(notSelected(true, serviceCost));

        assertThat(evaluation.matchedRules()).containsExactly(SUPPORT);
        var result = evaluation.result().getSingleResult();
        assertThat(result.<Object>getEntry("grantAmount")).isEqualTo(grant);
        assertThat(result.<Object>getEntry("rateWithinIndicativeRange")).as("no committee rate applies").isNull();
    }

    @Test
    void theSupportIgnoresTheRateTheCommitteeMayHaveTyped() {
        var facts = notSelected(true, 30_000L);
        facts.put("interventionRate", 70L);
        assertThat(funding.evaluate(facts).result().getSingleResult().<Long>getEntry("grantAmount")).isEqualTo(15_000L);
    }

    @Test
    void theSupportOfferedWithoutItsServiceCostGetsNoAmount() {
        assertThat(funding.evaluate(notSelected(true, null)).result().getResultList()).isEmpty();
    }

    @ParameterizedTest(name = "support offered: {0}")
    @CsvSource({"false", "''"})
    void aProjectNotSelectedNorOfferedTheSupportGetsNothing(String offered) {
        var evaluation = funding.evaluate(notSelected(offered.isEmpty() ? null : Boolean.valueOf(offered), 30_000L));

        assertThat(evaluation.matchedRules()).containsExactly(NO_SUPPORT);
        assertThat(evaluation.result().getSingleResult().<Object>getEntry("grantAmount")).isEqualTo(0L);
        assertThat(evaluation.result().getSingleResult().<Object>getEntry("rateWithinIndicativeRange")).isNull();
    }

    @Test
    void aSelectedProjectIsNeverGrantedTheSupportOnTop() {
        var facts = selected(100_000L, 50L);
        facts.put("supportOffered", true);
        facts.put("engineeringServiceCost", 30_000L);
        var evaluation = funding.evaluate(facts);
        assertThat(evaluation.matchedRules()).containsExactly(WITHIN_RANGE);
        assertThat(evaluation.result().getSingleResult().<Long>getEntry("grantAmount")).isEqualTo(50_000L);
    }

    @Test
    void noDecisionOfTheCommitteeNoAmount() {
        var facts = selected(100_000L, 50L);
        facts.put("selected", null);
        assertThat(funding.evaluate(facts).result().getResultList()).isEmpty();
    }

    @Test
    void theAmountIsAWholeNumberOfEuros() {
        var result = funding.evaluate(selected(33_333L, 45L)).result().getSingleResult();
        assertThat(result.<Object>getEntry("grantAmount")).isInstanceOf(Long.class);
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(funding.rulesNeverMatched()).isEmpty();
        assertThat(funding.ruleIds()).containsExactly(WITHIN_RANGE, OUTSIDE_RANGE, SUPPORT, NO_SUPPORT);
    }
}
