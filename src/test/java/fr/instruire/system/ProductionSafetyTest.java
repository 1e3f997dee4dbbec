package fr.instruire.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import fr.instruire.InstruireApplication;

class ProductionSafetyTest {

    private static final String STRONG_PASSWORD = "Vanille-Cannelle-1635";
    private static final String SECRET = "7Kq2-secret-du-serveur-de-production-2026";

    private static MockEnvironment production(String adminPassword) {
        var environment = new MockEnvironment().withProperty(ProductionSafety.ADMIN_ID_PROPERTY, "admin")
                .withProperty(ProductionSafety.SECRET_PROPERTY, SECRET);
        environment.setActiveProfiles("postgres");
        if (adminPassword != null) {
            environment.setProperty(ProductionSafety.ADMIN_PASSWORD_PROPERTY, adminPassword);
        }
        return environment;
    }

    @Test
    void aStrongPasswordPasses() {
        assertThat(ProductionSafety.problems(production(STRONG_PASSWORD))).isEmpty();
    }

    @Test
    void twelveCharactersAreEnough() {
        assertThat(ProductionSafety.problems(production("abcdefghijkl"))).isEmpty();
    }

    @Test
    void elevenCharactersAreRefused() {
        assertThat(ProductionSafety.problems(production("abcdefghijk")))
                .singleElement().asString()
                .contains("INSTRUIRE_ADMIN_PASSWORD", "fait moins de 12 caractères", "is shorter than 12 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = { "demo", "instructeur.guadeloupe", "comite.guadeloupe", "instructeur.martinique", "admin",
            "password", "Demo", " PASSWORD " })
    void aDemoPasswordIsRefused(String password) {
        assertThat(ProductionSafety.problems(production(password)))
                .singleElement().asString()
                .contains("INSTRUIRE_ADMIN_PASSWORD", "camunda.bpm.admin-user.password", "mot de passe de démonstration",
                        "is a demo password");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void aBlankPasswordIsRefused(String password) {
        assertThat(ProductionSafety.problems(production(password)))
                .singleElement().asString().contains("INSTRUIRE_ADMIN_PASSWORD", "n'est pas défini", "is not set");
    }

    @Test
    void anUnsetPasswordIsRefused() {
        assertThat(ProductionSafety.problems(production(null)))
                .singleElement().asString().contains("INSTRUIRE_ADMIN_PASSWORD", "is not set");
    }

    @Test
    void thePasswordMayNotBeTheAdminId() {
        var environment = production("administrateur.ars");
        environment.setProperty(ProductionSafety.ADMIN_ID_PROPERTY, "administrateur.ars");

        assertThat(ProductionSafety.problems(environment))
                .singleElement().asString().contains("INSTRUIRE_ADMIN_USER", "equals the admin user id");
    }

    @Test
    void theDemoProfileIsRefusedBesidePostgres() {
        var environment = production(STRONG_PASSWORD);
        environment.setActiveProfiles("postgres", "demo");

        assertThat(ProductionSafety.problems(environment))
                .singleElement().asString().contains("SPRING_PROFILES_ACTIVE", "demo");
    }

    @ParameterizedTest
    @ValueSource(strings = { "true", "TRUE", " true " })
    void theDemoDataAreRefusedInProduction(String enabled) {
        var environment = production(STRONG_PASSWORD);
        environment.setProperty(ProductionSafety.DEMO_DATA_PROPERTY, enabled);

        assertThat(ProductionSafety.problems(environment))
                .singleElement().asString()
                .contains("INSTRUIRE_DEMO_ENABLED (instruire.demo.enabled)", "comptes de démonstration",
                        "demo campaigns, dossiers and accounts");
    }

    @Test
    void theDemoDataSwitchedOffPass() {
        var environment = production(STRONG_PASSWORD);
        environment.setProperty(ProductionSafety.DEMO_DATA_PROPERTY, "false");

        assertThat(ProductionSafety.problems(environment)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "demo", "instructeur.guadeloupe", "comite.martinique", "equipe.nationale", "ars.iledefrance", "CTIS" })
    void aDemoAccountMayNotBeTheAdministrator(String adminId) {
        var environment = production(STRONG_PASSWORD);
        environment.setProperty(ProductionSafety.ADMIN_ID_PROPERTY, adminId);

        assertThat(ProductionSafety.problems(environment))
                .singleElement().asString().contains("INSTRUIRE_ADMIN_USER", adminId, "is a demo account");
    }

    @Test
    void theEmbeddedRunKeepsItsDemoData() {
        var environment = new MockEnvironment().withProperty(ProductionSafety.ADMIN_PASSWORD_PROPERTY, "demo")
                .withProperty(ProductionSafety.ADMIN_ID_PROPERTY, "demo")
                .withProperty(ProductionSafety.DEMO_DATA_PROPERTY, "true");
        environment.setDefaultProfiles("demo");

        assertThat(ProductionSafety.problems(environment)).isEmpty();
    }

    @Test
    void theEmbeddedRunKeepsItsDemoPassword() {
        var environment = new MockEnvironment().withProperty(ProductionSafety.ADMIN_PASSWORD_PROPERTY, "demo");
        environment.setDefaultProfiles("demo");

        assertThat(ProductionSafety.problems(environment)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "trop-court-31-caracteres-123456", ProductionSafety.DEMO_SECRET })
    void aBlankShortOrDemoSecretIsRefused(String secret) {
        var environment = production(STRONG_PASSWORD);
        environment.setProperty(ProductionSafety.SECRET_PROPERTY, secret);
        assertThat(ProductionSafety.problems(environment)).singleElement().asString()
                .contains("INSTRUIRE_SECRET", "au moins 32 caractères", "at least 32 characters");
    }

    @Test
    void checkThrowsWithEveryProblem() {
        var environment = production("demo");
        environment.setActiveProfiles("postgres", "demo");

        assertThatThrownBy(() -> ProductionSafety.check(environment))
                .isInstanceOf(UnsafeProductionConfigurationException.class)
                .hasMessageContaining("Instruire refuse de démarrer en production")
                .hasMessageContaining("Instruire refuses to start in production")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE")
                .hasMessageContaining("INSTRUIRE_ADMIN_PASSWORD");
    }

    @Test
    void theApplicationDoesNotStartInProductionWithADemoPassword() {
        var application = productionApplication();

        assertThatThrownBy(() -> application.run(withDatabase("--INSTRUIRE_ADMIN_PASSWORD=demo", "--INSTRUIRE_SECRET=" + SECRET)).close())
                .isInstanceOf(UnsafeProductionConfigurationException.class)
                .hasMessageContaining("INSTRUIRE_ADMIN_PASSWORD (camunda.bpm.admin-user.password) is a demo password");
    }

    @Test
    void theApplicationDoesNotStartInProductionWithTheDemoProfile() {
        var application = productionApplication().profiles("demo");

        assertThatThrownBy(() -> application.run(withDatabase("--INSTRUIRE_ADMIN_PASSWORD=" + STRONG_PASSWORD)).close())
                .isInstanceOf(UnsafeProductionConfigurationException.class)
                .hasMessageContaining("SPRING_PROFILES_ACTIVE (spring.profiles.active) has \"demo\" beside \"postgres\"");
    }

    @Test
    void theApplicationDoesNotStartInProductionWithDemoData() {
        var application = productionApplication();

        assertThatThrownBy(() -> application.run(withDatabase("--INSTRUIRE_ADMIN_PASSWORD=" + STRONG_PASSWORD,
                "--instruire.demo.enabled=true")).close())
                .isInstanceOf(UnsafeProductionConfigurationException.class)
                .hasMessageContaining("INSTRUIRE_DEMO_ENABLED (instruire.demo.enabled) is \"true\" with \"postgres\"");
    }

    private static SpringApplicationBuilder productionApplication() {
        return new SpringApplicationBuilder(InstruireApplication.class)
                .profiles("postgres")
                .web(WebApplicationType.NONE);
    }

    /** A database that needs no server (command-line arguments outrank the profile's file): if the start fails, the guard failed it. */
    private static String[] withDatabase(String... arguments) {
        var all = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:production-safety;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--camunda.bpm.generate-unique-process-engine-name=true", "--camunda.bpm.job-execution.enabled=false"));
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }
}
