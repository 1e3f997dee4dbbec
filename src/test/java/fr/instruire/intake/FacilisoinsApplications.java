package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;

/** A Facilisoins campaign open today and an application in its generic shape, for the intake's integration tests. */
final class FacilisoinsApplications {

    private FacilisoinsApplications() {
    }

    static void openCampaign(Api api, String key, String prefix) throws Exception {
        var today = LocalDate.now(ZoneId.of("Europe/Paris"));
        var created = api.post("/api/campaigns", """
                {"key": "%s", "callId": "facilisoins", "title": "Facilisoins — %s",
                 "region": "Île-de-France", "timeZone": "Europe/Paris",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 1500000, "dossierPrefix": "%s", "reviewerGroup": "equipe-nationale-%s",
                 "committeeGroup": "ctis-%s",
                 "variables": {"nationalTeamGroup": "equipe-nationale-%s", "dgcsGroup": "dgcs-%s", "ctisGroup": "ctis-%s",
                   "places": 30, "ctisOpensAt": "%s", "resultsBy": "%s", "opinionDelay": "P15D", "opinionReminder": "P10D",
                   "experimentationDuration": "P18M", "actionPlanUpdateCycle": "R/P1Y", "dataDeliveryCycle": "R/P3M"}}"""
                .formatted(key, key, today.minusDays(10), today.plusDays(10), today.plusDays(11), today.plusDays(40),
                        prefix, key, key, key, key, key, today.plusDays(20), today.plusDays(30)),
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** An application the call's registration form accepts; {@code extra} is added to its top-level fields. */
    static String application(String email, String extra) {
        return """
                {"organisation": {"name": "Association Les Mésanges", "contactEmail": "%s", "contactName": "M. Directeur"},
                 "project": {"title": "Facilisoins aux Mésanges", "description": "Infirmière coordinatrice"},
                 "facts": {"raisonSociale": "MAS Les Mésanges", "statutJuridique": "Association", "categorieEsms": "MAS",
                   "dateCreation": "2001-03-01", "adresse": "2 rue des Mésanges, 75012 Paris", "region": "Île-de-France",
                   "publicAccueilli": "ADULTES", "contactNom": "M. Directeur", "contactEmail": "%s",
                   "partProduitsSanteN1": 10000, "partProduitsSanteN2": 9000, "partProduitsSanteN3": 8000,
                   "requestedAmount": 40000}%s}""".formatted(email, email, extra.isEmpty() ? "" : ", " + extra);
    }

    static String application(String email) {
        return application(email, "");
    }
}
