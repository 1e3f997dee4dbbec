package fr.instruire.intake;

import java.util.List;

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

/**
 * An application as an applicant (or the platform importing it) sends it. The facts the rules read carry the
 * decision inputs' names. {@code esmsCount}, {@code medicalised} and {@code smallEsmsEquipmentCount} follow from
 * the list of ESMS; when given, they must agree with it. Whether the project is admissible is the rules' call,
 * not the API's: a public other than PA/PH is accepted here and declared inadmissible, with its reason.
 */
public record ApplicationRequest(
        @NotNull(message = "obligatoire") @Valid Organisation organisation,
        @NotNull(message = "obligatoire") @Valid Project project,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[A-Z_]{1,10}", message = "code attendu (PA ou PH)") String publicType,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "[A-Z_]{1,30}", message = "code attendu (ACQUISITION ou MISE_EN_CONFORMITE)") String projectType,
        @NotBlank(message = "obligatoire") @Pattern(regexp = "PETIT|MOYEN_GRAND", message = "PETIT ou MOYEN_GRAND") String managingOrganisationSize,
        @NotNull(message = "obligatoire") @Min(value = 1, message = "au moins 1") @Max(value = 1000, message = "1000 au plus") Integer managingOrganisationCount,
        @NotNull(message = "obligatoire") @Min(value = 0, message = "entre 0 et 3") @Max(value = 3, message = "entre 0 et 3 (MSSanté, DMP, e-prescription)") Integer coreServicesCount,
        @NotNull(message = "obligatoire") Boolean honourStatementProvided,
        @NotNull(message = "obligatoire") Boolean purchasingFrameworkCompliant,
        @NotEmpty(message = "au moins un ESMS") @Size(max = 500, message = "500 ESMS au plus") List<@Valid @NotNull(message = "obligatoire") EsmsRequest> esms,
        @Min(value = 1, message = "au moins 1") Integer esmsCount,
        Boolean medicalised,
        @Min(value = 0, message = "positif") Integer smallEsmsEquipmentCount) {

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

    public record EsmsRequest(
            @NotBlank(message = "obligatoire") @Pattern(regexp = "(\\d{2}|2[AB])\\d{7}", message = "numéro FINESS à 9 caractères (ex. 970100012)") String finess,
            @NotBlank(message = "obligatoire") @Size(max = 300, message = "300 caractères au plus") String name,
            @NotBlank(message = "obligatoire") String region,
            @NotBlank(message = "obligatoire") @Pattern(regexp = "PETIT|MOYEN_GRAND", message = "PETIT ou MOYEN_GRAND") String size,
            @NotNull(message = "obligatoire") Boolean medicalised,
            Boolean equipmentRequested) {
    }

    @AssertTrue(message = "doit être égal au nombre d'ESMS listés")
    boolean isEsmsCountConsistent() {
        return esmsCount == null || esms == null || esmsCount == esms.size();
    }

    @AssertTrue(message = "doit être vrai si et seulement si un ESMS listé est médicalisé")
    boolean isMedicalisedConsistent() {
        return medicalised == null || esms == null || esms.stream().anyMatch(e -> e != null && Boolean.TRUE.equals(e.medicalised())) == medicalised;
    }

    @AssertTrue(message = "doit être égal au nombre de petits ESMS demandant des équipements")
    boolean isSmallEsmsEquipmentCountConsistent() {
        return smallEsmsEquipmentCount == null || esms == null || smallEsmsEquipmentCount == esms.stream()
                .filter(e -> e != null && "PETIT".equals(e.size()) && Boolean.TRUE.equals(e.equipmentRequested())).count();
    }
}
