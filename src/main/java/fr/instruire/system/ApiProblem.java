package fr.instruire.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API explains to its caller (problem+json, in French). Thrown before anything is written, or
 * inside the transaction that it rolls back: a refused request leaves nothing behind.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public ApiProblem(HttpStatus status, String title, String detail, List<FieldError> errors, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.properties = properties;
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Requête invalide",
                "La requête contient " + (errors.size() == 1 ? "une erreur" : errors.size() + " erreurs") + ".", errors, Map.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Introuvable", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflit", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "Authentification requise", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Accès refusé", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** One field's error: {@code field} is the JSON path (establishments[0].finess), {@code message} says what to fix. */
    public record FieldError(String field, String message) {
    }
}
