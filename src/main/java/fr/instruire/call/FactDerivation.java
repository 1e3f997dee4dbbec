package fr.instruire.call;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    /**
     * The derived facts last computed, by call and stored facts. One FEEL evaluation costs about a millisecond (the
     * engine rebuilds its built-in functions each time) and a dossier's facts are read many times for the same values
     * (its task views, its mails, its rules, its pages): the campaign benchmark measured a fifth of the machine's time
     * in these evaluations. Equal facts give equal derived facts, unless an expression reads the clock (then it is
     * evaluated each time). Bounded: the least recently used entries go first.
     */
    private static final int REMEMBERED = 2_000;
    private static final Map<List<Object>, Map<String, Object>> LAST = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Map<String, Object>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private FactDerivation() {
    }

    /** The facts with the derived ones added (in the descriptor's order; each sees those before it). */
    static Map<String, Object> derive(CallDefinition call, Map<String, Object> facts) {
        if (call.derivedFacts().isEmpty()) {
            return new LinkedHashMap<>(facts);
        }
        if (call.derivedFacts().stream().anyMatch(FactDerivation::readsTheClock)) {
            return evaluateAll(call, facts);
        }
        var key = List.<Object>of(call.id(), snapshot(facts));
        var derived = LAST.get(key);
        if (derived == null) {
            var all = evaluateAll(call, facts);
            derived = new LinkedHashMap<>();
            for (var fact : call.derivedFacts()) {
                derived.put(fact.key(), all.get(fact.key()));
            }
            LAST.put(key, derived);
        }
        var all = new LinkedHashMap<>(facts);
        all.putAll(derived);
        return all;
    }

    /** A copy of the facts down to their records: the key stays what it was, whatever the caller does next. */
    private static Object snapshot(Object value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new HashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, snapshot(v)));
            return copy;
        }
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().map(FactDerivation::snapshot).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        }
        return value;
    }

    private static boolean readsTheClock(FactDefinition fact) {
        var expression = fact.expression().replace(" ", "");
        return expression.contains("now()") || expression.contains("today()");
    }

    private static Map<String, Object> evaluateAll(CallDefinition call, Map<String, Object> facts) {
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
