package fr.instruire.rules.esmsnumerique;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import fr.instruire.rules.DecisionUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * « Recevabilité ESMS numérique »: one reason per failed criterion, none for an admissible dossier.
 * Each test starts from an admissible dossier and breaks one fact, with the boundaries written out.
 */
class EsmsNumeriqueAdmissibilityTest {

    static final String PUBLIC_PA_OR_PH = "Rule_TypeDePublicPaOuPh";
    static final String ONE_PROJECT_TYPE = "Rule_TypeDeProjetUnique";
    static final String ORGANISATION_SIZE = "Rule_TypologieOrganismeGestionnaire";
    static final String ESMS_LISTED = "Rule_NombreEsmsRenseigne";
    static final String GRAPPE_OF_TWO_ORGANISATIONS = "Rule_GrappeOrganismesGestionnaires";
    static final String GRAPPE_OF_EIGHT_ESMS = "Rule_GrappeHuitEsms";
    static final String CORE_SERVICES_IF_MEDICALISED = "Rule_ServicesSoclesEsmsMedicalises";
    static final String MEDICALISED_STATED = "Rule_CaractereMedicaliseRenseigne";
    static final String HONOUR_STATEMENT = "Rule_AttestationSurLHonneur";
    static final String PURCHASING_FRAMEWORK = "Rule_MarcheNationalCentraleAchat";
    static final String EXEMPTION_FOR_UPGRADES_ONLY = "Rule_DerogationMonteeDeVersion";

    static final DecisionUnderTest admissibility = DecisionUnderTest.load(
            "dmn/esms-numerique/esms-numerique-admissibility.dmn", "esms-numerique-admissibility");

    /** A grappe of small managing organisations acquiring a DUI, exactly at the thresholds: admissible. */
    static Map<String, Object> admissibleDossier() {
        var facts = new HashMap<String, Object>();
        facts.put("publicType", "PA");
        facts.put("projectType", "ACQUISITION");
        facts.put("managingOrganisationSize", "PETIT");
        facts.put("managingOrganisationCount", 2);
        facts.put("esmsCount", 8);
        facts.put("medicalised", true);
        facts.put("coreServicesCount", 2);
        facts.put("honourStatementProvided", true);
        facts.put("purchasingFrameworkCompliant", true);
        return facts;
    }

    static Map<String, Object> admissibleDossierWith(Object... factsAndValues) {
        var facts = admissibleDossier();
        for (int i = 0; i < factsAndValues.length; i += 2) {
            facts.put((String) factsAndValues[i], factsAndValues[i + 1]);
        }
        return facts;
    }

    static List<String> failedRules(Map<String, Object> facts) {
        return admissibility.evaluate(facts).matchedRules();
    }

    static List<String> reasons(Map<String, Object> facts) {
        return admissibility.evaluate(facts).result().collectEntries("reason");
    }

    @Test
    void anAdmissibleDossierYieldsNoReason() {
        assertThat(reasons(admissibleDossier())).isEmpty();
    }

    @ParameterizedTest(name = "public {0} is accepted")
    @ValueSource(strings = {"PA", "PH"})
    void personnesAgeesAndPersonnesHandicapeesAreTheEligiblePublics(String publicType) {
        assertThat(failedRules(admissibleDossierWith("publicType", publicType))).isEmpty();
    }

    @ParameterizedTest(name = "public \"{0}\" is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"PA_PH", "ENFANCE", "pa"})
    void anyOtherOrMissingPublicIsRefused(String publicType) {
        assertThat(failedRules(admissibleDossierWith("publicType", publicType))).containsExactly(PUBLIC_PA_OR_PH);
    }

    @ParameterizedTest(name = "project type {0} is accepted")
    @ValueSource(strings = {"ACQUISITION", "MISE_EN_CONFORMITE"})
    void aProjectIsEitherAnAcquisitionOrAConformityUpgrade(String projectType) {
        assertThat(failedRules(admissibleDossierWith("projectType", projectType))).isEmpty();
    }

    @ParameterizedTest(name = "project type \"{0}\" is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"ACQUISITION_ET_MISE_EN_CONFORMITE", "EQUIPEMENT"})
    void anyOtherOrMissingProjectTypeIsRefused(String projectType) {
        assertThat(failedRules(admissibleDossierWith("projectType", projectType))).containsExactly(ONE_PROJECT_TYPE);
    }

    @ParameterizedTest(name = "managing organisation size \"{0}\" is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"GRAND", "MOYEN"})
    void theManagingOrganisationSizeMustBeKnown(String size) {
        assertThat(failedRules(admissibleDossierWith("managingOrganisationSize", size))).containsExactly(ORGANISATION_SIZE);
    }

    @ParameterizedTest(name = "{0} ESMS listed by a medium or large managing organisation is refused")
    @NullSource
    @ValueSource(ints = 0)
    void theListOfEsmsMustNotBeEmpty(Integer esmsCount) {
        var facts = admissibleDossierWith("managingOrganisationSize", "MOYEN_GRAND", "esmsCount", esmsCount);
        assertThat(failedRules(facts)).containsExactly(ESMS_LISTED);
    }

    @ParameterizedTest(name = "small managing organisations: {0} ESMS -> grappe reached: {1}")
    @CsvSource({"1, false", "7, false", "8, true", "9, true", "30, true"})
    void smallManagingOrganisationsNeedAGrappeOfEightEsms(int esmsCount, boolean grappeReached) {
        var failed = failedRules(admissibleDossierWith("esmsCount", esmsCount));
        assertThat(failed).isEqualTo(grappeReached ? List.of() : List.of(GRAPPE_OF_EIGHT_ESMS));
    }

    @ParameterizedTest(name = "small managing organisations: {0} managing organisations -> grappe reached: {1}")
    @CsvSource({"0, false", "1, false", "2, true", "3, true"})
    void smallManagingOrganisationsNeedAGrappeOfTwoManagingOrganisations(int count, boolean grappeReached) {
        var failed = failedRules(admissibleDossierWith("managingOrganisationCount", count));
        assertThat(failed).isEqualTo(grappeReached ? List.of() : List.of(GRAPPE_OF_TWO_ORGANISATIONS));
    }

    @Test
    void aSmallManagingOrganisationAcquiringAloneWithSevenEsmsFailsBothGrappeThresholds() {
        var facts = admissibleDossierWith("managingOrganisationCount", 1, "esmsCount", 7);
        assertThat(failedRules(facts)).containsExactly(GRAPPE_OF_TWO_ORGANISATIONS, GRAPPE_OF_EIGHT_ESMS);
    }

    @Test
    void aGrappeWhoseManagingOrganisationsAreNotCountedIsNotDemonstrated() {
        var facts = admissibleDossierWith("managingOrganisationCount", null);
        assertThat(failedRules(facts)).containsExactly(GRAPPE_OF_TWO_ORGANISATIONS);
    }

    @ParameterizedTest(name = "medium or large managing organisation acquiring with {0} OG and {1} ESMS is admissible")
    @CsvSource({"1, 3", "1, 1", "1, 45", ", 3"})
    void mediumAndLargeManagingOrganisationsAcquireWithoutAGrappe(Integer managingOrganisationCount, int esmsCount) {
        var facts = admissibleDossierWith("managingOrganisationSize", "MOYEN_GRAND",
                "managingOrganisationCount", managingOrganisationCount, "esmsCount", esmsCount);
        assertThat(failedRules(facts)).isEmpty();
    }

    @Test
    void theGrappeIsNotRequiredForAConformityUpgrade() {
        var facts = admissibleDossierWith("projectType", "MISE_EN_CONFORMITE",
                "managingOrganisationCount", 1, "esmsCount", 3);
        assertThat(failedRules(facts)).isEmpty();
    }

    @ParameterizedTest(name = "medicalised ESMS with {0} services socles -> admissible: {1}")
    @CsvSource({"0, false", "1, false", "2, true", "3, true", ", false"})
    void medicalisedEsmsNeedAtLeastTwoCoreServices(Integer coreServicesCount, boolean admissible) {
        for (var projectType : List.of("ACQUISITION", "MISE_EN_CONFORMITE")) {
            var facts = admissibleDossierWith("projectType", projectType, "coreServicesCount", coreServicesCount);
            assertThat(failedRules(facts)).as(projectType)
                    .isEqualTo(admissible ? List.of() : List.of(CORE_SERVICES_IF_MEDICALISED));
        }
    }

    @ParameterizedTest(name = "non-medicalised ESMS with {0} services socles is admissible")
    @NullSource
    @ValueSource(ints = {0, 1})
    void nonMedicalisedEsmsNeedNoCoreService(Integer coreServicesCount) {
        var facts = admissibleDossierWith("medicalised", false, "coreServicesCount", coreServicesCount);
        assertThat(failedRules(facts)).isEmpty();
    }

    @ParameterizedTest(name = "medicalised unknown, {0} services socles: refused")
    @NullSource
    @ValueSource(ints = {0, 2})
    void whetherTheEsmsAreMedicalisedMustBeStated(Integer coreServicesCount) {
        var facts = admissibleDossierWith("medicalised", null, "coreServicesCount", coreServicesCount);
        assertThat(failedRules(facts)).containsExactly(MEDICALISED_STATED);
    }

    @ParameterizedTest(name = "honour statement {0}: refused")
    @NullSource
    @ValueSource(booleans = false)
    void theHonourStatementMustBeProvided(Boolean provided) {
        assertThat(failedRules(admissibleDossierWith("honourStatementProvided", provided))).containsExactly(HONOUR_STATEMENT);
    }

    @ParameterizedTest(name = "purchasing framework compliant {0}: refused")
    @NullSource
    @ValueSource(booleans = false)
    void purchasesGoThroughTheNationalFrameworkOrItsDerogation(Boolean compliant) {
        assertThat(failedRules(admissibleDossierWith("purchasingFrameworkCompliant", compliant)))
                .containsExactly(PURCHASING_FRAMEWORK);
    }

    /**
     * « les projets de montée de version du dossier usager informatisé peuvent bénéficier des crédits d'amorçage quand
     * bien même la solution informatique ne serait pas référencée dans le marché national » — not an acquisition.
     */
    @Test
    void theExemptionFromTheNationalFrameworkIsForUpgradesOnly() {
        assertThat(failedRules(admissibleDossierWith("purchasingFrameworkExemption", true)))
                .containsExactly(EXEMPTION_FOR_UPGRADES_ONLY);
        assertThat(failedRules(admissibleDossierWith("purchasingFrameworkExemption", true, "projectType", "MISE_EN_CONFORMITE")))
                .isEmpty();
        assertThat(failedRules(admissibleDossierWith("purchasingFrameworkExemption", false))).isEmpty();
    }

    @Test
    void aDossierFailingSeveralCriteriaYieldsOneReasonPerCriterion() {
        var facts = admissibleDossierWith(
                "publicType", "ENFANCE",
                "managingOrganisationCount", 1,
                "esmsCount", 7,
                "coreServicesCount", 1,
                "honourStatementProvided", false,
                "purchasingFrameworkCompliant", false);

        var evaluation = admissibility.evaluate(facts);

        assertThat(evaluation.matchedRules()).containsExactly(PUBLIC_PA_OR_PH, GRAPPE_OF_TWO_ORGANISATIONS,
                GRAPPE_OF_EIGHT_ESMS, CORE_SERVICES_IF_MEDICALISED, HONOUR_STATEMENT, PURCHASING_FRAMEWORK);
        assertThat(evaluation.result().<String>collectEntries("reason")).containsExactly(
                "Type de public : le projet doit concerner des personnes âgées (PA) ou des personnes handicapées (PH).",
                "Grappe : un projet d’acquisition porté par de petits organismes gestionnaires doit réunir au moins deux organismes gestionnaires.",
                "Grappe : un projet d’acquisition porté par de petits organismes gestionnaires doit concerner au moins huit ESMS.",
                "Services socles : pour des ESMS médicalisés, le DUI doit être interopérable avec au moins deux services socles (MSSanté, DMP, e-prescription).",
                "Respect du cahier des charges national DUI : l’attestation sur l’honneur relative au respect du socle d’exigences n’est pas fournie.",
                "Conformité des achats : la solution doit être acquise par le marché national de la centrale d’achat mandatée par la CNSA, ou relever de la dérogation prévue.");
    }

    @Test
    void aDossierWithoutFactsYieldsOneReasonPerMissingFact() {
        assertThat(failedRules(Map.of())).containsExactly(PUBLIC_PA_OR_PH, ONE_PROJECT_TYPE, ORGANISATION_SIZE,
                ESMS_LISTED, MEDICALISED_STATED, HONOUR_STATEMENT, PURCHASING_FRAMEWORK);
    }

    @Test
    void everyReasonNamesItsCriterionInFrench() {
        var reasons = new LinkedHashSet<String>(reasons(Map.of("projectType", "ACQUISITION",
                "managingOrganisationSize", "PETIT", "managingOrganisationCount", 1, "esmsCount", 0)));
        reasons.addAll(reasons(Map.of("projectType", "LES_DEUX", "managingOrganisationSize", "GRAND",
                "esmsCount", 1, "medicalised", true, "coreServicesCount", 0)));
        reasons.addAll(reasons(admissibleDossierWith("purchasingFrameworkExemption", true)));

        assertThat(reasons).hasSameSizeAs(admissibility.ruleIds())
                .allSatisfy(reason -> assertThat(reason).matches("^[A-ZÉ][^:]+ : .+\\.$"));
    }

    @AfterAll
    static void everyRuleIsMatchedByAtLeastOneTest() {
        assertThat(admissibility.rulesNeverMatched()).isEmpty();
    }
}
