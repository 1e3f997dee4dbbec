package fr.instruire.call;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Derived facts: a call's descriptor computes some facts from the others with a FEEL expression, the language of its
 * decision tables ({@code count(establishments)}), so that a rule reads a count without Java knowing what is counted.
 */
final class FactDerivation {

    private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

    private FactDerivation() {
    }

    /** The facts with the derived ones added (in the descriptor's order; each sees those before it). */
    static Map<String, Object> derive(CallDefinition call, Map<String, Object> facts) {
        var all = new LinkedHashMap<>(facts);
        for (var fact : call.derivedFacts()) {
            all.put(fact.key(), evaluate(call, fact, all));
        }
        return all;
    }

    static Object evaluate(CallDefinition call, FactDefinition fact, Map<String, Object> facts) {
        var context = Variables.createVariables();
        new HashMap<>(facts).forEach(context::putValue);
        try {
            Object value = FEEL.evaluateSimpleExpression(fact.expression(), context.asVariableContext());
            return value instanceof Number n && !(value instanceof Long) && n.doubleValue() == Math.rint(n.doubleValue())
                    ? (Object) n.longValue() : value;
        } catch (RuntimeException e) {
            throw new IllegalStateException(call.source() + " : le fait calculé « " + fact.key() + " » ("
                    + fact.expression() + ") n'a pas pu être évalué : " + e.getMessage(), e);
        }
    }
}
