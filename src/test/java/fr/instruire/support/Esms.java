package fr.instruire.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ESMS of an ESMS numérique application, as tests write it; stored as a record of the dossier's {@code esms} list
 * (the call's registration form names its fields).
 */
public record Esms(String finess, String name, String region, String size, boolean medicalised, boolean equipmentRequested) {

    public Map<String, Object> row() {
        var row = new LinkedHashMap<String, Object>();
        row.put("finess", finess);
        row.put("name", name);
        row.put("region", region);
        row.put("size", size);
        row.put("medicalised", medicalised);
        row.put("equipmentRequested", equipmentRequested);
        return row;
    }

    /** The facts of an ESMS numérique application, named as its registration form and decision tables name them. */
    public static Map<String, Object> application(String publicType, String projectType, String organisationSize,
                                                  int organisationCount, int coreServices, boolean honourStatement,
                                                  boolean purchasingFramework, List<Esms> esms) {
        var facts = new LinkedHashMap<String, Object>();
        facts.put("publicType", publicType);
        facts.put("projectType", projectType);
        facts.put("managingOrganisationSize", organisationSize);
        facts.put("managingOrganisationCount", organisationCount);
        facts.put("coreServicesCount", coreServices);
        facts.put("honourStatementProvided", honourStatement);
        facts.put("purchasingFrameworkCompliant", purchasingFramework);
        facts.put("esms", esms.stream().map(Esms::row).toList());
        return facts;
    }
}
