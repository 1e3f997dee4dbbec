package fr.instruire.instruction;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Service;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;

/**
 * What an instruction concludes, computed on the server: the dossier's score and its grant. Nothing a submission wrote
 * is taken for a result — neither {@code score}, {@code maxScore} nor {@code grantAmount} — and the rules read the
 * dossier's stored facts ({@link #storedFacts}), which replace any variable of the same name.
 * <ul>
 *   <li>Grant: the call's funding decision {@code <callId>-funding} evaluated on the stored facts alone.</li>
 *   <li>Score: when the call has a selection decision {@code <callId>-selection} (Facilisoins), that decision evaluated
 *   on the reviewer's marks (the grid's form fields) with the stored facts over them (the partners' opinions are the
 *   recorded ones); otherwise (ESMS numérique) the sum of the five priorisation criteria, each a whole mark 0..5.</li>
 * </ul>
 */
@Service
class InstructionResults {

    /** ESMS numérique's « critères de priorisation », as the instruction form names them. */
    static final List<String> CRITERIA = List.of("scoreMotivation", "scorePerimetreFonctionnel", "scoreMutualisation",
            "scoreInteroperabilite", "scorePlateformeRegionale");
    static final int MAX_PER_CRITERION = 5;

    /** {@code selectionTable}: the score is the call's selection decision's (else the sum of ESMS numérique's criteria). */
    record Result(int score, int maxScore, long grant, boolean selectionTable) {
    }

    private final Dossiers dossiers;
    private final DossierFacts facts;
    private final Campaigns campaigns;
    private final DecisionService decisions;
    private final RepositoryService repository;

    InstructionResults(Dossiers dossiers, DossierFacts facts, Campaigns campaigns, DecisionService decisions,
                       RepositoryService repository) {
        this.dossiers = dossiers;
        this.facts = facts;
        this.campaigns = campaigns;
        this.decisions = decisions;
        this.repository = repository;
    }

    /** The dossier as the rules read it: its columns ({@code esmsCount}…) and its call's facts, absent ones as null. */
    Map<String, Object> storedFacts(String number) {
        var all = new LinkedHashMap<>(dossiers.get(number).decisionFacts());
        all.putAll(facts.of(number));
        return all;
    }

    /** Computes the score and the grant of a dossier; {@code marks}: the reviewer's answers (process variables). */
    Result compute(String number, Map<String, Object> marks) {
        var callId = campaigns.get(dossiers.get(number).campaignKey()).callId();
        var stored = storedFacts(number);
        int score;
        int max;
        var selection = callId + "-selection";
        boolean bySelectionTable = deployed(selection);
        if (bySelectionTable) {
            var variables = new HashMap<String, Object>(marks);
            variables.putAll(stored);
            var result = decisions.evaluateDecisionByKey(selection).variables(variables).evaluate();
            if (result.size() != 1 || !(result.getSingleResult().get("score") instanceof Number s)
                    || !(result.getSingleResult().get("maxScore") instanceof Number m)) {
                throw new IllegalStateException("Dossier " + number + " : la table « " + selection
                        + " » n'a pas calculé de score (une note manque ou sort de 0 à 5)");
            }
            score = s.intValue();
            max = m.intValue();
        } else {
            score = esmsScore(marks);
            max = CRITERIA.size() * MAX_PER_CRITERION;
        }
        if (score < 0 || score > max) {
            throw new IllegalStateException("Dossier " + number + " : score hors bornes " + score + "/" + max);
        }
        var funding = callId + "-funding";
        var result = decisions.evaluateDecisionByKey(funding).variables(new HashMap<>(stored)).evaluate();
        if (result.size() != 1 || !(result.getSingleResult().getSingleEntry() instanceof Number grant)) {
            throw new IllegalStateException("Dossier " + number + " : la table « " + funding + " » n'a calculé aucun financement");
        }
        return new Result(score, max, grant.longValue(), bySelectionTable);
    }

    private boolean deployed(String decisionKey) {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey).latestVersion().count() > 0;
    }

    /** The sum of the five criteria, each a whole number 0..5; throws {@link IllegalStateException} otherwise. */
    static int esmsScore(Map<String, Object> marks) {
        int score = 0;
        for (var criterion : CRITERIA) {
            if (!(marks.get(criterion) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.intValue() < 0 || n.intValue() > MAX_PER_CRITERION) {
                throw new IllegalStateException("Note manquante ou hors de 0 à 5 : " + criterion);
            }
            score += n.intValue();
        }
        return score;
    }
}
