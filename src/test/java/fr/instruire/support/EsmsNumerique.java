package fr.instruire.support;

import java.time.LocalDate;

/** Requests of the ESMS numérique call as the integration tests send them: a campaign, an application. */
public final class EsmsNumerique {

    private EsmsNumerique() {
    }

    /** A campaign of the call, open for submissions since 5 days, its selection open since yesterday. */
    public static String campaign(String key, String region, String prefix, String reviewers, String committee, LocalDate today) {
        return """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — %s", "region": "%s",
                 "timeZone": "America/%s", "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s",
                 "selectionCloses": "%s", "budgetEnvelope": 2000000, "dossierPrefix": "%s",
                 "reviewerGroup": "%s", "committeeGroup": "%s"}"""
                .formatted(key, region, region, region, today.minusDays(5), today.plusDays(30), today.minusDays(1),
                        today.plusDays(60), prefix, reviewers, committee);
    }

    /** An application of ten medium or large ESMS of the region: admissible, 250 000 € for an acquisition. */
    public static String application(String email, String region, String finessPrefix) {
        var esms = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            esms.append(i > 1 ? "," : "").append("""
                    {"finess": "%s%02d", "name": "EHPAD n°%d", "region": "%s", "size": "MOYEN_GRAND", "medicalised": true}"""
                    .formatted(finessPrefix, i, i, region));
        }
        return """
                {"organisation": {"name": "Association %s", "contactEmail": "%s"},
                 "project": {"title": "Dossier usager informatisé mutualisé", "description": "Acquisition d'un DUI."},
                 "publicType": "PA", "projectType": "ACQUISITION", "managingOrganisationSize": "MOYEN_GRAND",
                 "managingOrganisationCount": 1, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [%s]}""".formatted(email, email, esms);
    }
}
