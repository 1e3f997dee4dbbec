package fr.instruire.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.support.Esms;
import fr.instruire.system.TaskRefusal;

/**
 * Results are the server's: the score from the reviewer's marks and the call's tables, the grant from the funding table
 * on the stored dossier — never a {@code score}, {@code grantAmount} or decision input a submission wrote — and an
 * opinion is filed by the party the model names, by one of its members.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:server-results;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=target/server-results-outbox",
})
@ActiveProfiles("test")
class TheServerComputesTheResultsTest {

    static final String ESMS = "results-esms-guadeloupe";
    static final String FACILISOINS = "results-facilisoins";
    static final List<String> GRID = List.of("scoreConstructionProjet", "scoreComprehensionEnjeux", "scoreCoherenceTerritoire",
            "scoreCaractereInnovant", "scoreActionsBesoinsSoins", "scoreEngagement", "scoreEstimationCouts",
            "scoreCapacitesOrganisationnelles", "scorePartenariats", "scoreGouvernance");

    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void campaigns() {
        campaign(ESMS, "esms-numerique", "ESMS");
        campaign(FACILISOINS, "facilisoins", "FACI");
    }

    void campaign(String key, String callId, String prefix) {
        if (jdbc.sql("SELECT COUNT(*) FROM campaign WHERE campaign_key = ?").param(key).query(Integer.class).single() == 0) {
            var t = Instant.parse("2026-01-15T00:00:00Z").atOffset(ZoneOffset.UTC);
            jdbc.sql("""
                    INSERT INTO campaign (campaign_key, call_id, title, region, time_zone, submission_opens_at,
                        submission_closes_at, selection_opens_at, selection_closes_at, budget_envelope, dossier_prefix,
                        reviewer_group, committee_group, complements_delay, convention_reminder_delay, contact_email, created_at)
                    VALUES (?, ?, ?, 'Guadeloupe', 'America/Guadeloupe', ?, ?, ?, ?, 1500000, ?, 'instructeurs-results',
                        'comite-results', 'P15D', 'P21D', 'ars@example.org', ?)""")
                    .params(key, callId, "Campagne " + key, t, t.plusMonths(2), t.plusMonths(3), t.plusMonths(4), prefix, t).update();
        }
    }

    /** An ESMS numérique acquisition for one medium-sized ESMS: the funding table grants 25 000 €. */
    String esmsDossier() {
        var number = dossiers.nextNumber("ESMS", 2026);
        var at = Instant.parse("2026-02-01T10:00:00Z");
        dossiers.insert(new Dossier(number, ESMS, DossierStatus.UNDER_INSTRUCTION, "Organisme", null, "Contact",
                "contact@example.org", "Projet", null,
                null, null, at, at), "hash");
        facts.setAll(number, Esms.application("PA", "ACQUISITION", "PETIT", 1, 2, true, true,
                List.of(new Esms("971000001", "EHPAD Les Flamboyants", "Guadeloupe", "MOYEN_OU_GRAND", false, false))));
        return number;
    }

    String facilisoinsDossier() {
        var number = dossiers.nextNumber("FACI", 2026);
        var at = Instant.parse("2026-02-01T10:00:00Z");
        dossiers.insert(new Dossier(number, FACILISOINS, DossierStatus.UNDER_INSTRUCTION, "MAS", null, "Contact",
                "contact@example.org", "Projet", null, null, null,
                at, at), "hash");
        facts.setAll(number, Map.of("region", "Île-de-France", "requestedAmount", 60_000L));
        return number;
    }

    String job(String processInstanceId) {
        return management.createJobQuery().processInstanceId(processInstanceId).singleResult().getId();
    }

    @Test
    void theEsmsScoreIsTheSumOfTheMarksAndTheGrantTheFundingTableOnTheStoredDossier() {
        var number = esmsDossier();
        var variables = new HashMap<String, Object>(Map.of("scoreMotivation", 4, "scorePerimetreFonctionnel", 3,
                "scoreMutualisation", 5, "scoreInteroperabilite", 2, "scorePlateformeRegionale", 4,
                "instructionComment", "Projet solide."));
        // what a forged submission could have left in the process
        variables.putAll(Map.of("score", 25, "maxScore", 25, "grantAmount", 999_999L, "esmsCount", 30, "campaignKey", "ailleurs"));
        var instance = runtime.createProcessInstanceByKey("esms-numerique-dossier").businessKey(number).setVariables(variables)
                .startBeforeActivity("Activity_EnregistrerInstruction").execute();

        management.executeJob(job(instance.getId()));

        var dossier = dossiers.get(number);
        assertThat(dossier.score()).isEqualTo(18);
        assertThat(dossier.grantAmount()).isEqualTo(25_000L);
        assertThat(dossier.status()).isEqualTo(DossierStatus.INSTRUCTED);
        assertThat(runtime.getVariable(instance.getId(), "grantAmount")).isEqualTo(25_000L);
        assertThat(dossiers.history(number)).anySatisfy(e -> assertThat(e.detail()).startsWith("Score 18/25 — financement 25"));
    }

    @Test
    void aMarkOutsideZeroToFiveIsNeverScored() {
        var number = esmsDossier();
        var instance = runtime.createProcessInstanceByKey("esms-numerique-dossier").businessKey(number)
                .setVariables(Map.of("scoreMotivation", 40, "scorePerimetreFonctionnel", 3, "scoreMutualisation", 5,
                        "scoreInteroperabilite", 2, "scorePlateformeRegionale", 4, "score", 18))
                .startBeforeActivity("Activity_EnregistrerInstruction").execute();

        assertThatThrownBy(() -> management.executeJob(job(instance.getId())))
                .hasMessageContaining("esms-numerique-selection » n'a pas calculé de score");
        assertThat(dossiers.get(number).score()).isNull();
    }

    @Test
    void theFundingTableReadsTheStoredDossierOverAVariableOfTheSameName() {
        var number = esmsDossier();
        var instance = runtime.createProcessInstanceByKey("esms-numerique-dossier").businessKey(number)
                .setVariables(Map.of("esmsCount", 30, "smallEsmsEquipmentCount", 3, "projectType", "ACQUISITION",
                        "reviewerGroup", "instructeurs-results"))
                .startBeforeActivity("Activity_CalculerFinancement").execute();

        assertThat(runtime.getVariable(instance.getId(), "grantAmount")).isEqualTo(25_000L);
        assertThat(runtime.getVariable(instance.getId(), "esmsCount")).isEqualTo(1L);
    }

    @Test
    void theSelectionScoreCountsTheRecordedOpinionsNotTheVariables() {
        var number = facilisoinsDossier();
        facts.set(number, "arsOpinion", "DEFAVORABLE");
        facts.set(number, "cpamOpinion", "FAVORABLE");
        var variables = new HashMap<String, Object>();
        GRID.forEach(mark -> variables.put(mark, 5));
        variables.putAll(Map.of("arsOpinion", "FAVORABLE", "cpamOpinion", "FAVORABLE", "score", 999, "maxScore", 999,
                "grantAmount", 999_999L, "requestedAmount", 999_999L));
        var instance = runtime.createProcessInstanceByKey("facilisoins-dossier").businessKey(number).setVariables(variables)
                .startBeforeActivity("Activity_EnregistrerInstruction").execute();

        management.executeJob(job(instance.getId()));

        var dossier = dossiers.get(number);
        int max = ((Number) runtime.getVariable(instance.getId(), "maxScore")).intValue();
        assertThat(max).isLessThan(999);
        // every mark at 5 but the opinions' criterion, 0 as soon as one recorded opinion is unfavourable
        assertThat(dossier.score()).isEqualTo(max - 5);
        assertThat(dossier.grantAmount()).isEqualTo(50_000L);
        assertThat(facts.of(number)).containsEntry("maxScore", (long) max);
    }

    @Test
    void anOpinionIsTheModelsPartysAndOnlyItsMembersFileIt() {
        var number = facilisoinsDossier();
        user("ars.results", "ars-ile-de-france");
        user("cpam.results", "cpam-ile-de-france");
        var instance = runtime.createProcessInstanceByKey("facilisoins-dossier").businessKey(number)
                .setVariables(Map.of("campaignKey", FACILISOINS, "opinionDelay", "P15D", "opinionReminder", "P10D",
                        "nationalTeamGroup", "equipe-results"))
                .startBeforeActivity("Gateway_AvisRegionaux").execute();
        var ars = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Activity_AvisArs").singleResult();

        // a CPAM member given the ARS's task (candidate user: the engine lets them work on it) cannot file the ARS's
        // opinion; saying it is the CPAM's is not even a field of the form
        tasks.addCandidateUser(ars.getId(), "cpam.results");
        assertThatThrownBy(() -> completeAs("cpam.results", ars.getId(), Map.of("opinion", "FAVORABLE", "opinionText", "Bon projet.")))
                .satisfies(e -> assertThat(refusal(e).getMessage())
                        .isEqualTo("Seul un membre de l'ARS de ce dossier peut donner cet avis : il n'est pas enregistré."));
        assertThatThrownBy(() -> completeAs("cpam.results", ars.getId(), Map.of("opinion", "FAVORABLE", "opinionText", "Bon projet.",
                "opinionOf", "CPAM")))
                .satisfies(e -> assertThat(refusal(e).getMessage()).contains("« opinionOf » n'est pas un champ du formulaire de cette tâche"));
        assertThat(facts.of(number)).doesNotContainKeys("arsOpinion", "cpamOpinion");

        // the ARS files its own
        completeAs("ars.results", ars.getId(), Map.of("opinion", "DEFAVORABLE", "opinionText", "Partenariats fragiles."));
        assertThat(facts.of(number)).containsEntry("arsOpinion", "DEFAVORABLE").doesNotContainKey("cpamOpinion");
        assertThat(dossiers.history(number)).anySatisfy(e -> assertThat(e.detail()).isEqualTo("Avis de l'ARS : défavorable — Partenariats fragiles."));
    }

    void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            identity.saveUser(identity.newUser(id));
        }
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            identity.saveGroup(identity.newGroup(group));
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    void completeAs(String user, String taskId, Map<String, Object> variables) {
        // signed in as Tasklist and /engine-rest sign users in: with their groups
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
        try {
            tasks.complete(taskId, variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    static TaskRefusal refusal(Throwable thrown) {
        for (var t = thrown; t != null; t = t.getCause()) {
            if (t instanceof TaskRefusal refusal) {
                return refusal;
            }
        }
        throw new AssertionError("no TaskRefusal in " + thrown, thrown);
    }
}
