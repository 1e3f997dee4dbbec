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
        int total = recordRegions.size();
        var floors = new LinkedHashMap<String, Long>();
        counts.forEach((region, n) -> floors.put(region, grant * n / total));
        long remainder = grant - floors.values().stream().mapToLong(Long::longValue).sum();
        var byFraction = new ArrayList<>(counts.entrySet());
        byFraction.sort(Comparator.comparingLong((Map.Entry<String, Integer> c) -> grant * c.getValue() % total).reversed());
        for (int i = 0; i < remainder; i++) {
            floors.merge(byFraction.get(i % byFraction.size()).getKey(), 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .map(c -> new RegionalShare(c.getKey(), c.getValue(), floors.get(c.getKey())))
                .toList();
    }
}
