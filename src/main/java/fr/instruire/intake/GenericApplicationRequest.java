package fr.instruire.intake;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An application to a call whose content is described by its registration form ({@code forms/<callId>/<callId>-enregistrement.form}),
 * not by Java: the organisation and the project as for every call, then the call's own facts, named and typed as the
 * form's fields (see {@link RegistrationForm}). Facilisoins: {@code raisonSociale}, {@code region}, {@code publicAccueilli},
 * {@code requestedAmount}…
 */
@Schema(description = "Candidature à un appel décrit par son formulaire d'enregistrement (forms/<callId>/<callId>-enregistrement.form) : "
        + "« facts » porte un fait par champ du formulaire (clé = key du champ ; textfield/textarea → texte, number → nombre, "
        + "checkbox → booléen, select/radio → une de ses valeurs, datetime → date ISO ; validate.required → obligatoire). "
        + "Un fait inconnu du formulaire est refusé.")
public record GenericApplicationRequest(
        @NotNull(message = "obligatoire") @Valid ApplicationRequest.Organisation organisation,
        @NotNull(message = "obligatoire") @Valid ApplicationRequest.Project project,
        @Schema(description = "Les faits de la candidature, nommés comme les champs du formulaire d'enregistrement de l'appel",
                example = "{\"raisonSociale\": \"MAS Les Écureuils\", \"region\": \"Île-de-France\", \"publicAccueilli\": \"ADULTES\", \"requestedAmount\": 45000}")
        Map<String, JsonNode> facts) {
}
