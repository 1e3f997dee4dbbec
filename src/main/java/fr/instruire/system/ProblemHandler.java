package fr.instruire.system;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every refusal of Instruire's API as application/problem+json, in French, with field-level errors. Not limited to
 * Instruire's controllers: a multipart upload too large is refused before any controller is chosen.
 */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
        var problem = problem(e.status(), e.title(), e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        e.properties().forEach(problem::setProperty);
        var response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Instruire\", charset=\"UTF-8\"");
        }
        return response.body(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiProblem.FieldError(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(ApiProblem.FieldError::field))
                .toList();
        return apiProblem(ApiProblem.invalid(errors));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            var field = mismatch.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            var message = mismatch instanceof InvalidFormatException invalid
                    ? "valeur « " + invalid.getValue() + " » de type incorrect"
                    : "type incorrect";
            return apiProblem(ApiProblem.invalid(List.of(new ApiProblem.FieldError(field, message))));
        }
        return apiProblem(new ApiProblem(HttpStatus.BAD_REQUEST, "Requête illisible",
                "Le corps de la requête n'est pas un JSON valide."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return apiProblem(ApiProblem.invalid(List.of(new ApiProblem.FieldError(e.getHeaderName(), "en-tête obligatoire"))));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return apiProblem(ApiProblem.invalid(List.of(new ApiProblem.FieldError(e.getRequestPartName(), "fichier obligatoire"))));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return apiProblem(new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Fichier trop volumineux",
                "Un document ne peut dépasser 10 Mo."));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        return apiProblem(new ApiProblem(HttpStatus.BAD_REQUEST, "Requête illisible",
                "Le document doit être envoyé en multipart/form-data, dans le champ « file »."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return apiProblem(new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non pris en charge",
                "Type de contenu « " + e.getContentType() + " » non accepté ici ; attendu : " + e.getSupportedMediaTypes() + "."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return apiProblem(new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "Méthode non permise",
                "La méthode " + e.getMethod() + " n'est pas permise sur cette ressource."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return apiProblem(ApiProblem.notFound("Ressource introuvable : /" + e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Erreur inattendue", e);
        return apiProblem(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne",
                "Une erreur inattendue est survenue ; rien n'a été enregistré. Réessayez plus tard."));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
