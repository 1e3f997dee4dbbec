package fr.instruire.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * An application, whatever its call: the organisation and the project as for every call, then the call's own facts,
 * named and typed as the fields of its registration form ({@code forms/<callId>/<callId>-enregistrement.form}, see
 * {@link RegistrationForm}), in {@code facts} or beside {@code organisation} and {@code project}.
 */
@Schema(description = "Candidature à un appel décrit par son formulaire d'enregistrement (forms/<callId>/<callId>-enregistrement.form) : "
        + "« facts » porte un fait par champ du formulaire (clé = key du champ ; textfield/textarea → texte, number → nombre, "
        + "checkbox → booléen, select/radio → une de ses valeurs, datetime → date ISO ; validate.required → obligatoire). "
        + "Un fait inconnu du formulaire est refusé.")
public record ApplicationRequest(
        @NotNull(message = "obligatoire") @Valid Organisation organisation,
        @NotNull(message = "obligatoire") @Valid Project project,
        @Schema(description = "Les faits de la candidature, nommés comme les champs du formulaire d'enregistrement de l'appel",
                example = "{\"raisonSociale\": \"MAS Les Écureuils\", \"region\": \"Île-de-France\", \"publicAccueilli\": \"ADULTES\", \"requestedAmount\": 45000}")
        Map<String, JsonNode> facts) {

    public record Organisation(
            @NotBlank(message = "obligatoire") @Size(max = 300, message = "300 caractères au plus") String name,
            @Pattern(regexp = "\\d{9}", message = "9 chiffres") String siren,
            @Size(max = 200, message = "200 caractères au plus") String contactName,
            @NotBlank(message = "obligatoire") @Email(message = "adresse e-mail invalide") @Size(max = 320, message = "320 caractères au plus") String contactEmail) {
    }

    public record Project(
            @NotBlank(message = "obligatoire") @Size(max = 300, message = "300 caractères au plus") String title,
            @Size(max = 8000, message = "8000 caractères au plus") String description) {
    }
}
