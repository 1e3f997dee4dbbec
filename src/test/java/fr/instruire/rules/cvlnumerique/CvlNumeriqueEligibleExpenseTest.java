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
 * « Dépenses éligibles »: equipment, light works and digital solutions are eligible; engineering and staff costs under
 * the conditions of the financing plan; anything else is not.
 */
class CvlNumeriqueEligibleExpenseTest {

    static final String FILE = "dmn/cvl-numerique/cvl-numerique-eligible-expense.dmn";

    static final DecisionUnderTest expense = DecisionUnderTest.load(FILE, "cvl-numerique-eligible-expense");

    static Map<String, Object> category(Object category) {
        var facts = new HashMap<String, Object>();
        facts.put("expenseCategory", category);
        return facts;
    }

    @ParameterizedTest(name = "{0}: eligible {1}, under conditions {2} ({3})")
    @CsvSource({
        "EQUIPEMENT_NUMERIQUE, true,  false, Rule_EquipementsNumeriques",
        "TRAVAUX_LEGERS,       true,  false, Rule_TravauxLegers",
        "SOLUTION_NUMERIQUE,   true,  false, Rule_SolutionsNumeriques",
        "INGENIERIE_PROJET,    true,  true,  Rule_IngenierieProjet",
        "COUTS_RH,             true,  true,  Rule_CoutsRh",
        "AUTRE,                false, false, Rule_HorsCategories",
        "LOYER,                false, false, Rule_HorsCategories"})
    void eachCategoryOfTheFormHasItsRule(String category, boolean eligible, boolean underConditions, String rule) {
        var evaluation = expense.evaluate(category(category));

        assertThat(evaluation.matchedRules()).containsExactly(rule);
        var result = evaluation.result().getSingleResult();
        assertThat(result.<Boolean>getEntry("eligible")).isEqualTo(eligible);
        assertThat(result.<Boolean>getEntry("underConditions")).isEqualTo(underConditions);
    }

    @Test
    void onlyTheConditionalCategoriesSayTheirCondition() {
        assertThat(expense.evaluate(category("EQUIPEMENT_NUMERIQUE")).result().getSingleResult().<String>getEntry("condition"))
                .isNull();
        assertThat(expense.evaluate(category("COUTS_RH")).result().getSingleResult().<String>getEntry("condition"))
                .contains("plan de financement", "justifications");
        assertThat(expense.evaluate(category("AUTRE")).result().getSingleResult().<String>getEntry("condition"))
                .contains("hors des catégories éligibles");
    }

    @Test
    void anExpenseWithoutCategoryIsNotEligible() {
        var evaluation = expense.evaluate(category(null));
        assertThat(evaluation.matchedRules()).containsExactly("Rule_HorsCategories");
        assertThat(evaluation.result().getSingleResult().<Boolean>getEntry("eligible")).isFalse();
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(expense.rulesNeverMatched()).isEmpty();
        assertThat(expense.ruleIds()).hasSize(6);
    }
}
