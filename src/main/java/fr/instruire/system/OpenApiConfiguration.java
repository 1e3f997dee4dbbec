package fr.instruire.system;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The API's description, served at /api/openapi (browsable at /api/docs outside production). */
@Configuration
class OpenApiConfiguration {

    @Bean
    OpenAPI instruireApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Instruire — API de dépôt et de suivi des dossiers")
                        .version("1")
                        .description("""
                                Dépôt des candidatures aux appels à projets (idempotent avec l'en-tête Idempotency-Key),
                                pièces jointes, réponses aux demandes de compléments et suivi du dossier par le candidat
                                (jeton d'accès du dossier : Authorization: Bearer …). Les routes du personnel demandent
                                une connexion (session Tasklist ou HTTP Basic). Les refus sont en application/problem+json,
                                en français, avec les erreurs par champ."""))
                .components(new Components()
                        .addSecuritySchemes("jetonDossier", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Jeton d'accès remis au dépôt, propre à un dossier"))
                        .addSecuritySchemes("personnel", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Compte Camunda du personnel (instructeurs, comité, administrateurs)")));
    }

    /**
     * With the API browser off (production), its files stay on the classpath and Spring Boot's /webjars/** mapping
     * would still serve them: third-party JavaScript on the staff's origin for no one's use.
     */
    @Bean
    @ConditionalOnProperty(name = "springdoc.swagger-ui.enabled", havingValue = "false")
    FilterRegistrationBean<Filter> noSwaggerUiFiles() {
        Filter notFound = (request, response, chain) -> ((HttpServletResponse) response).sendError(404);
        var registration = new FilterRegistrationBean<>(notFound);
        registration.setName("no-swagger-ui-files");
        registration.addUrlPatterns("/webjars/swagger-ui/*");
        return registration;
    }
}
