package fr.instruire.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.instruire.InstruireApplication;

class FlywayBeforeProcessEngineTest {

    @Test
    void aFreshDatabaseStartsInProductionWithFlywayBeforeTheEngine() {
        // the whole web application, as in production: Camunda's REST starter needs a servlet context
        var application = new SpringApplicationBuilder(InstruireApplication.class).profiles("postgres");

        try (var context = application.run(
                "--spring.datasource.url=jdbc:h2:mem:flyway-before-engine;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
                "--camunda.bpm.generate-unique-process-engine-name=true", "--camunda.bpm.job-execution.enabled=false",
                "--INSTRUIRE_ADMIN_USER=admin", "--INSTRUIRE_ADMIN_PASSWORD=Vanille-Cannelle-1635", "--INSTRUIRE_SECRET=secret-de-production-pour-le-test-2026")) {
            var jdbc = context.getBean(JdbcTemplate.class);
            // started at all: Flyway found the schema empty, then the engine added its tables beside Flyway's history
            assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history\"", Integer.class)).isNotNull();
            assertThat(jdbc.queryForObject("select count(*) from ACT_GE_PROPERTY", Integer.class)).isPositive();
            assertThat(context.getBean(IdentityService.class).checkPassword("admin", "Vanille-Cannelle-1635")).isTrue();
        }
    }
}
