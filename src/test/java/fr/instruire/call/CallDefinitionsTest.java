package fr.instruire.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A call is read from its files; a descriptor in error stops the start with every error named by file and key. */
class CallDefinitionsTest {

    final CallDefinitions calls = new CallDefinitions();

    @Test
    void theCallsAreReadFromTheirDescriptorsAndRegistrationForms() {
        assertThat(calls.all()).extracting(CallDefinition::id).contains("esms-numerique", "facilisoins");
        var esms = calls.of("esms-numerique");
        assertThat(esms.title()).isEqualTo("ESMS numérique — phase d'amorçage");
        assertThat(esms.statusLabel("INSTRUCTED")).isEqualTo("Instruit, en attente du comité");
        assertThat(calls.of("facilisoins").statusLabel("INSTRUCTED")).isEqualTo("Instruit, en attente de la sélection");
        assertThat(esms.statusLabel("ARCHIVED")).isEqualTo("ARCHIVED (statut non déclaré)");
        assertThat(esms.decisionKey("score")).isEqualTo("esms-numerique-selection");
        assertThat(esms.fact("publicType").orElseThrow().words("PA")).isEqualTo("Personnes âgées (PA)");
        assertThat(calls.of("facilisoins").regionalMailbox("Mayotte")).hasValue("ARS-OI-ART51@ars.sante.fr");
        assertThat(calls.of("facilisoins").closedToDocuments()).contains("EXPERIMENTATION_ENDED", "INADMISSIBLE");
    }

    @Test
    void derivedFactsAreComputedInFeelFromTheOthers() {
        var esms = List.of(
                Map.<String, Object>of("region", "Guadeloupe", "size", "PETIT", "medicalised", true, "equipmentRequested", true),
                Map.<String, Object>of("region", "Martinique", "size", "PETIT", "medicalised", false, "equipmentRequested", false),
                Map.<String, Object>of("region", "Guadeloupe", "size", "MOYEN_GRAND", "medicalised", false, "equipmentRequested", true));
        var facts = calls.withDerivedFacts("esms-numerique", Map.of("esms", esms));
        assertThat(facts).containsEntry("esmsCount", 3L).containsEntry("medicalised", true)
                .containsEntry("medicalisedEsmsCount", 1L).containsEntry("smallEsmsEquipmentCount", 1L);
        assertThat(calls.of("esms-numerique").regionsOf(facts)).containsExactly("Guadeloupe", "Martinique");
    }

    @Test
    void derivedFactsRememberedForEqualFactsFollowTheFactsWhenTheyChange() {
        var one = new java.util.ArrayList<Map<String, Object>>(List.of(
                Map.of("region", "Guadeloupe", "size", "PETIT", "medicalised", true, "equipmentRequested", true)));
        var first = calls.withDerivedFacts("esms-numerique", Map.of("esms", one));
        var again = calls.withDerivedFacts("esms-numerique", Map.of("esms", List.copyOf(one)));
        assertThat(again).isEqualTo(first).containsEntry("esmsCount", 1L).containsEntry("smallEsmsEquipmentCount", 1L);
        one.add(Map.of("region", "Guadeloupe", "size", "MOYEN_GRAND", "medicalised", false, "equipmentRequested", false));
        var two = calls.withDerivedFacts("esms-numerique", Map.of("esms", one));
        assertThat(two).containsEntry("esmsCount", 2L).containsEntry("medicalisedEsmsCount", 1L);
        assertThat(first).as("a result given out is the caller's own").containsEntry("esmsCount", 1L);
    }

    /** The stages the managers' funnel reads from a call's declared statuses, in their order. */
    @Test
    void aStageIsTheStatusesDeclaredFromItAndGrantedOnesFollowSelected() {
        var call = calls.of("cvl-numerique");
        assertThat(call.statusesFrom("SELECTED")).containsExactly("SELECTED", "NOT_SELECTED", "SUPPORT_OFFERED", "CLOSED");
        assertThat(call.statusesFrom("INCONNU")).isEmpty();
        assertThat(call.grantedStatuses()).containsExactly("SELECTED", "SUPPORT_OFFERED", "CLOSED");
        assertThat(calls.of("esms-numerique").publics()).containsExactly("publicType");
        assertThat(call.publics()).isEmpty();
    }

    @Test
    void aDescriptorInErrorIsRefusedWithEveryErrorNamedByFileAndKey() {
        var refused = catchThrowableOfType(InvalidCallDefinitionException.class,
                () -> new CallDefinitions("classpath*:invalid-calls/*.yaml"));
        assertThat(refused.errors()).allSatisfy(e -> assertThat(e).startsWith("calls/esms-numerique.yaml : "));
        assertThat(String.join("\n", refused.errors())).contains(
                "clé « couleur » inconnue",
                "title — obligatoire",
                "statuses.instructed — un code en MAJUSCULES",
                "statuses.INSTRUCTED — statut donné par la plateforme, à déclarer",
                "views.dossier — « inconnu » n'est pas un fait de l'appel",
                "regions — « esms.couleur » ne désigne ni un fait ni un champ",
                "publics — « publicInconnu » ne désigne ni un fait ni un champ",
                "regionalShares — records doit nommer une liste",
                "regionalMailboxes.Bretagne — adresse électronique attendue",
                "closedToDocuments — « ARCHIVED » n'est pas un statut déclaré",
                "derivedFacts — chaque fait calculé a une clé (key) et une expression FEEL");
    }
}
