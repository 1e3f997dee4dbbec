package fr.instruire.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * « Au prorata du nombre d'ESMS concernés dans la région »: whole euros that always add up — a grant between regions,
 * then each tranche between the agencies that pay it.
 */
class RegionalShareTest {

    @Test
    void aGrantIsSharedProRataOfTheRecordsToTheEuro() {
        var shares = RegionalShare.of(250_001L, List.of("Guadeloupe", "Guadeloupe", "Martinique"));
        assertThat(shares).extracting(RegionalShare::region, RegionalShare::count, RegionalShare::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Guadeloupe", 2, 166_667L),
                        org.assertj.core.groups.Tuple.tuple("Martinique", 1, 83_334L));
        assertThat(shares.stream().mapToLong(RegionalShare::amount).sum()).isEqualTo(250_001L);
    }

    /** 40 % of 250 000 € shared 180 001 / 69 999: 72 000,4 and 27 999,6 — 72 000 and 28 000, not 72 000 and 27 999. */
    @Test
    void aTranchesPartsAddUpToTheDossiersTranche() {
        var agencies = new LinkedHashMap<String, Long>(Map.of("Guadeloupe", 180_001L));
        agencies.put("Martinique", 69_999L);
        var parts = RegionalShare.apportion(100_000, agencies);
        assertThat(parts).containsExactly(Map.entry("Guadeloupe", 72_000L), Map.entry("Martinique", 28_000L));
        // a usage tranche decided at 33 333 € for three equal shares: 11 111 each, the euro left to the first
        var three = new LinkedHashMap<String, Long>();
        three.put("Guadeloupe", 10L);
        three.put("Martinique", 10L);
        three.put("Guyane", 10L);
        assertThat(RegionalShare.apportion(33_334, three)).containsExactly(Map.entry("Guadeloupe", 11_112L),
                Map.entry("Martinique", 11_111L), Map.entry("Guyane", 11_111L));
        assertThat(RegionalShare.apportion(0, three).values()).containsOnly(0L);
    }
}
