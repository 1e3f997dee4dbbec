package fr.instruire.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class FrenchTest {

    static final ZoneId GUADELOUPE = ZoneId.of("America/Guadeloupe");

    @Test
    void theFirstOfTheMonthIsWrittenPremier() {
        assertThat(French.day(Instant.parse("2021-03-01T12:00:00Z"), GUADELOUPE)).isEqualTo("1er mars 2021");
        assertThat(French.day(Instant.parse("2021-03-02T12:00:00Z"), GUADELOUPE)).isEqualTo("2 mars 2021");
    }

    @Test
    void aDayIsTheDayItIsInTheCampaignsZone() {
        // 2h UTC on 1 March is still 28 February, 22h in Guadeloupe
        assertThat(French.dayAndHour(Instant.parse("2021-03-01T02:00:00Z"), GUADELOUPE))
                .isEqualTo("28 février 2021 à 22h00 (heure de l’Atlantique)");
    }

    @Test
    void delaysReadAsWords() {
        assertThat(French.delay("P15D")).isEqualTo("15 jours");
        assertThat(French.delay("P1D")).isEqualTo("1 jour");
        assertThat(French.delay("P1M")).isEqualTo("1 mois");
        assertThat(French.delay("P1M15D")).isEqualTo("1 mois et 15 jours");
        assertThat(French.delay("P2W")).isEqualTo("14 jours");
        assertThat(French.delay("PT48H")).isEqualTo("2 jours");
        assertThat(French.delay("PT36H")).isEqualTo("1 jour et 12 heures");
    }

    @Test
    void amountsKeepTheirDigitsTogether() {
        assertThat(French.euros(1_250_000)).isEqualTo("1\u00a0250\u00a0000\u00a0€");
        assertThat(French.euros(0)).isEqualTo("0\u00a0€");
    }

    @Test
    void aTimeInAListLeavesTheZoneToItsHeading() {
        assertThat(French.dateTime(Instant.parse("2021-03-01T02:00:00Z"), GUADELOUPE)).isEqualTo("28 février 2021 à 22h00");
    }

    @Test
    void fileSizesReadAsAFileManagerShowsThem() {
        assertThat(French.size(1)).isEqualTo("1\u00a0octet");
        assertThat(French.size(820)).isEqualTo("820\u00a0octets");
        assertThat(French.size(12 * 1024 + 300)).isEqualTo("12\u00a0Ko");
        assertThat(French.size(1_468_006)).isEqualTo("1,4\u00a0Mo");
    }
}
