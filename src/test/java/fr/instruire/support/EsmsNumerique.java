package fr.instruire.support;

import java.time.LocalDate;
import java.util.Map;

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

    /**
     * The instruction form's marks as {@code /engine-rest} takes them (typed values): 4, 4, 3, 5, 2 — a score of 18 out
     * of 25 and, for the application above, a grant of 250 000 €.
     */
    public static Map<String, Object> marks() {
        return Map.of("scoreMotivation", typed(4, "Integer"), "scorePerimetreFonctionnel", typed(4, "Integer"),
                "scoreMutualisation", typed(3, "Integer"), "scoreInteroperabilite", typed(5, "Integer"),
                "scorePlateformeRegionale", typed(2, "Integer"), "instructionComment", typed("Projet mûr.", "String"));
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }
}
