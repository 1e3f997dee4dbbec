package fr.instruire;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

import fr.instruire.call.CallDefinitions;

/**
 * The packages under {@code fr.instruire} are capabilities (intake, campaign, dossier, notification, identity, …):
 * these rules keep their boundaries honest as they grow, whatever capabilities are added.
 */
@AnalyzeClasses(packages = "fr.instruire", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule capabilitiesDependOnEachOtherWithoutCycles = slices()
            .matching("fr.instruire.(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("each capability must be readable and testable with only the ones it uses; what two of them share "
                    + "belongs to one of them or to system");

    @ArchTest
    static final ArchRule systemDependsOnNoCapability = noClasses()
            .that().resideInAPackage("fr.instruire.system..")
            .should().dependOnClassesThat(
                    resideInAPackage("fr.instruire..").and(not(resideInAPackage("fr.instruire.system.."))))
            .as("fr.instruire.system should depend on no capability package")
            .because("system holds the configuration that belongs to no capability; every capability may use it");

    /**
     * One platform, many calls: the platform's packages never depend on a call's own Java, which lives in
     * {@code fr.instruire.calls.<call>} (ideally nothing — README, « Call-specific Java »).
     */
    @ArchTest
    static final ArchRule thePlatformDependsOnNoCall = noClasses()
            .that().resideOutsideOfPackage("fr.instruire.calls..")
            .should().dependOnClassesThat().resideInAPackage("fr.instruire.calls..")
            .as("no platform package should depend on fr.instruire.calls")
            .because("a call is its files (docs/adding-a-call.md); what one call's Java does belongs to it alone");

    @ArchTest
    static final ArchRule callsDoNotDependOnEachOther = slices()
            .matching("fr.instruire.calls.(*)..").namingSlices("call $1")
            .should().notDependOnEachOther()
            .because("what two calls share is the platform's");

    /** No platform class is named after a call ({@code EsmsNumeriqueDemoData} belongs in its call's package). */
    @ArchTest
    static void noPlatformClassIsNamedAfterACall(JavaClasses classes) {
        var names = new CallDefinitions().all().stream()
                .map(call -> Arrays.stream(call.id().split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                        .collect(Collectors.joining()))
                .toList();
        var named = classes.stream()
                .filter(c -> c.getPackageName().startsWith("fr.instruire") && !c.getPackageName().startsWith("fr.instruire.calls"))
                .filter(c -> names.stream().anyMatch(n -> c.getSimpleName().contains(n)))
                .map(c -> c.getName()).sorted().toList();
        assertThat(named).as("platform classes named after a call %s", names).isEmpty();
    }

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    /**
     * Catches what Lombok leaves in bytecode (e.g. {@code @lombok.Generated}, {@code @lombok.NonNull}); most of its
     * annotations are source-only, hence {@link #lombokIsNotOnTheClasspath}.
     */
    @ArchTest
    static final ArchRule noLombok = noClasses()
            .should().dependOnClassesThat().resideInAPackage("lombok..")
            .because("the project writes records and constructors instead (CONVENTIONS.md)");

    @ArchTest
    static void lombokIsNotOnTheClasspath(JavaClasses classes) {
        assertThat(ClassUtils.isPresent("lombok.Data", ArchitectureTest.class.getClassLoader()))
                .as("Lombok is on the classpath: the project writes records and constructors instead")
                .isFalse();
    }
}
