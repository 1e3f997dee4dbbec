package fr.instruire.dossier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ARS funds of a multi-regional project: « Le financement sera assuré par chaque ARS, au prorata du
 * nombre d'ESMS concernés dans la région. » Amounts are whole euros; the remainder of the division goes to the
 * regions with the largest fractional parts, so the shares always add up to the grant.
 */
public record RegionalShare(String region, int esmsCount, Long amount) {

    public static List<RegionalShare> of(Long grant, List<Esms> esms) {
        var counts = new LinkedHashMap<String, Integer>();
        esms.forEach(e -> counts.merge(e.region(), 1, Integer::sum));
        if (grant == null || esms.isEmpty()) {
            return counts.entrySet().stream().map(c -> new RegionalShare(c.getKey(), c.getValue(), null)).toList();
        }
        int total = esms.size();
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
