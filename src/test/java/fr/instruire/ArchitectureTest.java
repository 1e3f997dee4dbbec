package fr.instruire;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.util.ClassUtils;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

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
