package fr.instruire.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.stereotype.Component;

/**
 * Flyway migrates the project's tables before the engine creates its own. The two share one schema, and Flyway
 * refuses to start on a schema that holds tables but no history of its own: left to bean order, the engine came
 * first and no fresh database (H2 or PostgreSQL) could start. With Flyway disabled, this adds nothing.
 */
@Component
class FlywayBeforeProcessEngine extends AbstractDependsOnBeanFactoryPostProcessor {

    FlywayBeforeProcessEngine() {
        super(ProcessEngine.class, ProcessEngineFactoryBean.class, FlywayMigrationInitializer.class);
    }
}
