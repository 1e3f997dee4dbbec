package fr.instruire.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;

/** A tranche paid by several agencies: each pays its part of the dossier's tranche, and the parts add up to it. */
class ScheduleTrancheDelegateTest {

    @Test
    void eachAgencyPaysItsPartAndThePartsAddUpToTheDossiersTranche() {
        var agencies = new LinkedHashMap<String, Long>();
        agencies.put("Guadeloupe", 180_001L);
        agencies.put("Martinique", 69_999L);
        // 40 % of 250 000 €: 72 000,4 and 27 999,6 — rounding each down would lose a euro
        long guadeloupe = ScheduleTrancheDelegate.partOf(100_000, "Guadeloupe", agencies);
        long martinique = ScheduleTrancheDelegate.partOf(100_000, "Martinique", agencies);
        assertThat(guadeloupe).isEqualTo(72_000L);
        assertThat(martinique).isEqualTo(28_000L);
        assertThat(guadeloupe + martinique).isEqualTo(100_000L);
        assertThat(ScheduleTrancheDelegate.partOf(100_000, null, agencies)).as("no agency: the dossier's tranche").isEqualTo(100_000L);
    }
}
