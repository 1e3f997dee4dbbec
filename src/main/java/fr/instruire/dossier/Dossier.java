package fr.instruire.dossier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application as stored. The decision facts keep the names of the decision tables' inputs, so the rules
 * read the dossier without a translation table.
 */
public record Dossier(
        String number,
        String campaignKey,
        DossierStatus status,
        String organisationName,
        String organisationSiren,
        String contactName,
        String contactEmail,
        String projectTitle,
        String projectDescription,
        String publicType,
        String projectType,
        String managingOrganisationSize,
        Integer managingOrganisationCount,
        Integer coreServicesCount,
        Boolean honourStatementProvided,
        Boolean purchasingFrameworkCompliant,
        List<Esms> esms,
        Integer score,
        Long grantAmount,
        Instant submittedAt,
        Instant updatedAt) {

    public int esmsCount() {
        return esms.size();
    }

    /** A project is medicalised when one of its ESMS is: the two-services-socles rule then applies. */
    public boolean medicalised() {
        return esms.stream().anyMatch(Esms::medicalised);
    }

    public int smallEsmsEquipmentCount() {
        return (int) esms.stream().filter(Esms::smallAskingForEquipment).count();
    }

    /** The facts the admissibility and funding decisions read, by their input names. */
    public Map<String, Object> decisionFacts() {
        var facts = new LinkedHashMap<String, Object>();
        facts.put("publicType", publicType);
        facts.put("projectType", projectType);
        facts.put("managingOrganisationSize", managingOrganisationSize);
        facts.put("managingOrganisationCount", managingOrganisationCount);
        facts.put("esmsCount", esmsCount());
        facts.put("medicalised", medicalised());
        facts.put("coreServicesCount", coreServicesCount);
        facts.put("honourStatementProvided", honourStatementProvided);
        facts.put("purchasingFrameworkCompliant", purchasingFrameworkCompliant);
        facts.put("smallEsmsEquipmentCount", smallEsmsEquipmentCount());
        return facts;
    }

    public List<RegionalShare> regionalShares() {
        return RegionalShare.of(grantAmount, esms);
    }
}
