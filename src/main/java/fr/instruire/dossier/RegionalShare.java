package fr.instruire.dossier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one region funds of a project shared between regions pro rata of its records (« au prorata du nombre
 * d'établissements concernés dans la région »; the call's descriptor says which
 * list and which field, {@code regionalShares}). Amounts are whole euros; the remainder of the division goes to the
 * regions with the largest fractional parts, so the shares always add up to the grant.
 *
 * @param count the records of the region (its establishments)
 */
public record RegionalShare(String region, int count, Long amount) {

    /** {@code recordRegions}: the region of each record, in order. */
    public static List<RegionalShare> of(Long grant, List<String> recordRegions) {
        var counts = new LinkedHashMap<String, Integer>();
        recordRegions.forEach(r -> counts.merge(r, 1, Integer::sum));
        if (grant == null || recordRegions.isEmpty()) {
            return counts.entrySet().stream().map(c -> new RegionalShare(c.getKey(), c.getValue(), null)).toList();
        }
        var weights = new LinkedHashMap<String, Long>();
        counts.forEach((region, n) -> weights.put(region, (long) n));
        var amounts = apportion(grant, weights);
        return counts.entrySet().stream()
                .map(c -> new RegionalShare(c.getKey(), c.getValue(), amounts.get(c.getKey())))
                .toList();
    }

    /**
     * {@code total} euros split pro rata of the weights, in whole euros that add up to it: each its floor, the remainder
     * one euro at a time to the largest fractional parts (the first in order on a tie). A tranche of a shared grant is
     * split this way between the agencies, so that their parts add up to the dossier's tranche.
     */
    public static Map<String, Long> apportion(long total, Map<String, Long> weights) {
        long sum = weights.values().stream().mapToLong(Long::longValue).sum();
        var parts = new LinkedHashMap<String, Long>();
        if (sum <= 0) {
            weights.keySet().forEach(k -> parts.put(k, 0L));
            return parts;
        }
        var big = java.math.BigInteger.valueOf(total);
        var fractions = new LinkedHashMap<String, Long>();
        weights.forEach((key, weight) -> {
            var product = big.multiply(java.math.BigInteger.valueOf(weight));
            var division = product.divideAndRemainder(java.math.BigInteger.valueOf(sum));
            parts.put(key, division[0].longValueExact());
            fractions.put(key, division[1].longValueExact());
        });
        long remainder = total - parts.values().stream().mapToLong(Long::longValue).sum();
        var byFraction = new ArrayList<>(fractions.entrySet());
        byFraction.sort(Comparator.comparingLong((Map.Entry<String, Long> f) -> f.getValue()).reversed());
        for (int i = 0; i < remainder; i++) {
            parts.merge(byFraction.get(i % byFraction.size()).getKey(), 1L, Long::sum);
        }
        return parts;
    }
}
