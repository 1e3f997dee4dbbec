package fr.instruire.instruction;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;

/**
 * What an instruction concludes, computed on the server: the dossier's score and its grant. Nothing a submission wrote
 * is taken for a result — neither {@code score}, {@code maxScore} nor {@code grantAmount} — and the rules read the
 * dossier's stored facts ({@link #storedFacts}), which replace any variable of the same name.
 * <ul>
 *   <li>Grant: the decision its call's descriptor names {@code funding}, evaluated on the stored facts alone (its
 *   {@code grantAmount} output, or its only one); none when the descriptor names no funding decision — a grant decided
 *   later, after a committee sets a rate ({@code recordFacts}).</li>
 *   <li>Score: the call's selection decision {@code score} (by default {@code <callId>-selection}) evaluated on the reviewer's marks (the form's
 *   fields) with the stored facts over them (a partner's opinion is the recorded one); it gives {@code score} and
 *   {@code maxScore}, and no score when a mark is missing or out of its range.</li>
 * </ul>
 */
@Service
class InstructionResults {

    record Result(int score, int maxScore, Long grant) {
    }

    private final Dossiers dossiers;
    private final CallFacts facts;
    private final Campaigns campaigns;
    private final DecisionService decisions;

    InstructionResults(Dossiers dossiers, CallFacts facts, Campaigns campaigns, DecisionService decisions) {
        this.dossiers = dossiers;
        this.facts = facts;
        this.campaigns = campaigns;
        this.decisions = decisions;
    }

    /** The dossier as the rules read it: its call's facts, stored and derived (counts of its lists…). */
    Map<String, Object> storedFacts(String number) {
        return new LinkedHashMap<>(facts.of(number));
    }

    /** Computes the score and the grant of a dossier; {@code marks}: the reviewer's answers (process variables). */
    Result compute(String number, Map<String, Object> marks) {
        var call = facts.callOf(number);
        var stored = storedFacts(number);
        var selection = call.decisionKey("score");
        var variables = new HashMap<String, Object>(marks);
        variables.putAll(stored);
        var scored = decisions.evaluateDecisionByKey(selection).variables(variables).evaluate();
        if (scored.size() != 1 || !(scored.getSingleResult().get("score") instanceof Number s)
                || !(scored.getSingleResult().get("maxScore") instanceof Number m)) {
            throw new IllegalStateException("Dossier " + number + " : la table « " + selection
                    + " » n'a pas calculé de score (une note manque ou sort de son échelle)");
        }
        int score = s.intValue();
        int max = m.intValue();
        if (score < 0 || score > max) {
            throw new IllegalStateException("Dossier " + number + " : score hors bornes " + score + "/" + max);
        }
        // a call whose funding is decided later (a rate set by its committee) names no funding decision: no grant yet
        var funding = call.decision("funding").orElse(null);
        if (funding == null) {
            return new Result(score, max, null);
        }
        var result = decisions.evaluateDecisionByKey(funding).variables(new HashMap<>(stored)).evaluate();
        var single = result.size() == 1 ? result.getSingleResult() : null;
        var grant = single == null ? null : single.containsKey("grantAmount") ? single.get("grantAmount")
                : single.size() == 1 ? single.getSingleEntry() : null;
        if (!(grant instanceof Number amount)) {
            throw new IllegalStateException("Dossier " + number + " : la table « " + funding + " » n'a calculé aucun financement");
        }
        return new Result(score, max, Math.round(amount.doubleValue()));
    }
}
