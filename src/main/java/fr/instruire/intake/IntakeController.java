package fr.instruire.intake;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.ApiProblem;

/** The applicants' API. */
@RestController
@RequestMapping("/api")
class IntakeController {

    private final IntakeService intake;
    private final DossierAccess access;
    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final Campaigns campaigns;
    private final ObjectMapper json;
    private final jakarta.validation.Validator validator;
    private final DocumentLimits documentLimits;
    private final CallFacts callFacts;

    private final ApplicantAccess applicantAccess;

    IntakeController(IntakeService intake, DossierAccess access, Dossiers dossiers, DossierDocuments documents,
                     Campaigns campaigns, ObjectMapper json, jakarta.validation.Validator validator,
                     DocumentLimits documentLimits, CallFacts callFacts, ApplicantAccess applicantAccess) {
        this.applicantAccess = applicantAccess;
        this.callFacts = callFacts;
        this.documentLimits = documentLimits;
        this.validator = validator;
        this.intake = intake;
        this.access = access;
        this.dossiers = dossiers;
        this.documents = documents;
        this.campaigns = campaigns;
        this.json = json;
    }

    /**
     * Submits an application. With an {@code Idempotency-Key} header, a retry of the same request returns the same
     * dossier (header {@code Idempotent-Replayed: true}), never a second one. Every call takes the same shape: the
     * organisation, the project, and the call's facts — the fields of its registration form
     * ({@code forms/<callId>/<callId>-enregistrement.form}), sent in {@code facts} or beside {@code organisation} and
     * {@code project} — checked against that form (type, required, allowed values, bounds; lists of records field by
     * field; an unknown fact is refused).
     */
    @PostMapping(path = "/campaigns/{campaignKey}/applications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = """
            {organisation, project, facts} : les faits sont les champs du formulaire d'enregistrement de l'appel             (forms/<callId>/<callId>-enregistrement.form) et sont vérifiés d'après lui (type, obligatoire, valeurs             permises, bornes ; une liste dynamique est une liste d'enregistrements ; un fait inconnu est refusé). Les             faits peuvent aussi être donnés à côté d'organisation et project.""",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ApplicationRequest.class)))
    ResponseEntity<SubmissionResponse> submit(@PathVariable String campaignKey,
                                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                              @RequestBody JsonNode body,
                                              HttpServletRequest http) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiProblem.invalid(List.of(new ApiProblem.FieldError("Idempotency-Key", "1 à 200 caractères")));
        }
        if (!body.isObject()) {
            throw ApiProblem.invalid(List.of(new ApiProblem.FieldError("body", "objet JSON attendu")));
        }
        var call = intake.applicationCall(campaignKey).orElse(null);
        if (call == null) {
            if (campaigns.find(campaignKey).isEmpty()) {
                throw ApiProblem.notFound("Aucune campagne « " + campaignKey + " ».");
            }
            throw new ApiProblem(HttpStatus.CONFLICT, "Pas de dépôt par l'API",
                    "La campagne « " + campaignKey + " » ne reçoit pas de candidature par l'API : son appel n'a pas de "
                            + "formulaire d'enregistrement.");
        }
        // the call's facts: in « facts », or beside organisation and project (never both for one fact)
        var facts = new java.util.LinkedHashMap<String, JsonNode>();
        var topLevel = new java.util.HashSet<String>();
        var errors = new ArrayList<ApiProblem.FieldError>();
        body.fields().forEachRemaining(field -> {
            if (!Set.of("organisation", "project", "facts").contains(field.getKey())) {
                facts.put(field.getKey(), field.getValue());
                topLevel.add(field.getKey());
            }
        });
        if (body.hasNonNull("facts")) {
            if (!body.get("facts").isObject()) {
                errors.add(new ApiProblem.FieldError("facts", "objet attendu"));
            } else {
                body.get("facts").fields().forEachRemaining(field -> {
                    if (facts.putIfAbsent(field.getKey(), field.getValue()) != null) {
                        errors.add(new ApiProblem.FieldError("facts." + field.getKey(), "donné deux fois (dans facts et à côté)"));
                    }
                });
            }
        }
        var shape = json.createObjectNode();
        shape.set("organisation", body.get("organisation"));
        shape.set("project", body.get("project"));
        var request = read(shape, ApplicationRequest.class, http);
        validator.validate(request).forEach(v -> errors.add(new ApiProblem.FieldError(v.getPropertyPath().toString(), v.getMessage())));
        // an error names a fact where it was sent; a missing one where this request sends its facts
        var missingAt = topLevel.isEmpty() ? "facts." : "";
        var checked = RegistrationForm.check(call, facts, key -> topLevel.contains(key) ? ""
                : body.path("facts").has(key) ? "facts." : missingAt);
        errors.addAll(checked.errors());
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(ApiProblem.FieldError::field));
            throw ApiProblem.invalid(errors);
        }
        var hash = hash(body);
        Function<IdempotencyKey, IntakeService.Submitted> submission = key -> intake.submit(campaignKey, request, checked.values(), key);
        var key = intake.idempotencyKey(campaignKey, idempotencyKey, hash);
        var submitted = intake.replay(key).orElseGet(() -> {
            try {
                return submission.apply(key);
            } catch (DuplicateKeyException concurrentRetry) {
                return intake.replay(key).orElseThrow(() -> concurrentRetry);
            }
        });
        var response = submitted.response();
        return ResponseEntity.created(URI.create(response.statusUrl()))
                .header("Idempotent-Replayed", String.valueOf(submitted.replayed()))
                .body(response);
    }

    /** The body read as the call's shape; a value of the wrong JSON type is refused as an unreadable body would be. */
    private <T> T read(JsonNode body, Class<T> shape, HttpServletRequest http) {
        try {
            return json.treeToValue(body, shape);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new HttpMessageNotReadableException(e.getMessage(), e, new ServletServerHttpRequest(http));
        }
    }

    @GetMapping("/dossiers/{number}")
    DossierStatusView status(@PathVariable String number, HttpServletRequest http) {
        access.require(http, number, false);
        var dossier = dossiers.get(number);
        var call = callFacts.callOf(number);
        return DossierStatusView.of(dossier, campaigns.get(dossier.campaignKey()), call,
                CallFacts.shares(call, callFacts.of(call, number), dossier.grantAmount()), dossiers.complements(number),
                documents.of(number));
    }

    @PostMapping(path = "/dossiers/{number}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Transactional
    ResponseEntity<DossierStatusView.DocumentView> addDocument(@PathVariable String number,
                                                               @RequestPart("file") MultipartFile file,
                                                               HttpServletRequest http) throws IOException {
        var actor = access.require(http, number, false);
        documentLimits.requireRoomFor(number, file.getSize());
        var content = file.getBytes();
        if (content.length == 0) {
            throw ApiProblem.invalid(List.of(new ApiProblem.FieldError("file", "le fichier est vide")));
        }
        var filename = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "document" : file.getOriginalFilename().replaceAll("[\\\\/\\r\\n\"]", "_");
        var type = DocumentTypes.detect(content, filename).orElseThrow(() -> new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Type de document non accepté", "« " + filename + " » n'est pas d'un type accepté (" + DocumentTypes.ACCEPTED
                + ") ; le type est reconnu au contenu du fichier."));
        var sha = AccessTokens.sha256(content);
        var id = documents.add(number, filename, type, content, sha, actor);
        dossiers.recordEvent(number, actor, "DOCUMENT_ADDED", filename + " (" + type + ", " + content.length + " octets)");
        var stored = documents.of(number).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).body(DossierStatusView.DocumentView.of(stored));
    }

    record ComplementsAnswer(@NotBlank(message = "obligatoire") @Size(max = 8000, message = "8000 caractères au plus") String message) {
    }

    /** The applicant's answer to a complements request (documents are sent before, to /documents). */
    @PostMapping(path = "/dossiers/{number}/complements", consumes = MediaType.APPLICATION_JSON_VALUE)
    DossierStatusView complements(@PathVariable String number, @Valid @RequestBody ComplementsAnswer answer,
                                  HttpServletRequest http) {
        access.require(http, number, true);
        intake.answerComplements(number, answer.message().trim());
        return status(number, http);
    }

    record AccessRequest(@NotBlank(message = "obligatoire") @Size(max = 320, message = "320 caractères au plus") String contactEmail) {
    }

    /**
     * A new access token, sent to the dossier's contact address when {@code contactEmail} is that address: how the
     * applicant of a dossier registered from its mail follows it, or one who lost its token. The same answer in every
     * case (202): the request says nothing of a dossier or an address.
     */
    @PostMapping(path = "/dossiers/{number}/access-token", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<java.util.Map<String, String>> accessToken(@PathVariable String number, @Valid @RequestBody AccessRequest request) {
        applicantAccess.sendNewToken(number, request.contactEmail());
        return ResponseEntity.accepted().body(java.util.Map.of("detail",
                "Si cette adresse est celle du dossier " + number + ", un nouveau jeton d'accès vient d'y être envoyé."));
    }

    record EcartReport(@NotBlank(message = "obligatoire") @Size(max = 8000, message = "8000 caractères au plus") String description) {
    }

    /**
     * A later filing of the applicant, as its call's descriptor declares it ({@code filings}: the full dossier after a
     * letter of intent): its facts — in {@code facts} or at the top level — are checked against the filing's form,
     * stored, and the filing's message reaches the dossier's process. 404 for a filing the call does not have, 409 when
     * the dossier is not waiting for it; nothing is kept from a refused filing.
     */
    @PostMapping(path = "/dossiers/{number}/filings/{filing}", consumes = MediaType.APPLICATION_JSON_VALUE)
    DossierStatusView file(@PathVariable String number, @PathVariable String filing, @RequestBody JsonNode body,
                           HttpServletRequest http) {
        access.require(http, number, true);
        var call = callFacts.callOf(number);
        var declared = call.filings().get(filing);
        if (declared == null) {
            throw ApiProblem.notFound("L'appel « " + call.title() + " » ne prévoit pas de dépôt « " + filing + " »"
                    + (call.filings().isEmpty() ? "." : " ; dépôts prévus : " + String.join(", ", call.filings().keySet()) + "."));
        }
        if (!body.isObject()) {
            throw ApiProblem.invalid(List.of(new ApiProblem.FieldError("body", "objet JSON attendu")));
        }
        var sent = new java.util.LinkedHashMap<String, JsonNode>();
        body.fields().forEachRemaining(field -> {
            if (!"facts".equals(field.getKey())) {
                sent.put(field.getKey(), field.getValue());
            }
        });
        var topLevel = java.util.Set.copyOf(sent.keySet());
        if (body.path("facts").isObject()) {
            body.get("facts").fields().forEachRemaining(field -> sent.putIfAbsent(field.getKey(), field.getValue()));
        }
        var missingAt = topLevel.isEmpty() ? "facts." : "";
        var checked = RegistrationForm.check(call, declared, sent, key -> topLevel.contains(key) ? ""
                : body.path("facts").has(key) ? "facts." : missingAt);
        if (!checked.errors().isEmpty()) {
            throw ApiProblem.invalid(checked.errors());
        }
        intake.file(number, declared, checked.values());
        return status(number, http);
    }

    /**
     * « En cas d'écart substantiel »: the establishment reports, at any time of its experimentation, a substantial
     * gap from its action plan; it reaches the national team at once. 409 outside the experimentation.
     */
    @PostMapping(path = "/dossiers/{number}/ecarts", consumes = MediaType.APPLICATION_JSON_VALUE)
    DossierStatusView ecart(@PathVariable String number, @Valid @RequestBody EcartReport report, HttpServletRequest http) {
        access.require(http, number, true);
        intake.reportEcart(number, report.description().strip());
        return status(number, http);
    }

    private String hash(Object request) {
        try {
            return AccessTokens.sha256(json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
