package fr.instruire.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A sitting's decided dossiers go out by groups of 100, in the checked order, none left out nor repeated. */
class DecidedDossierGroupsTest {

    @Test
    void twoHundredAndOneDossiersMakeThreeGroupsInTheirOrder() {
        var numbers = IntStream.rangeClosed(1, 201).mapToObj(n -> "ESMS-2021-%04d".formatted(n)).toList();
        var groups = CheckCommitteeDecisionsDelegate.groups(numbers);
        assertThat(groups).extracting(List::size).containsExactly(100, 100, 1);
        assertThat(groups.stream().flatMap(List::stream)).containsExactlyElementsOf(numbers);
    }

    @Test
    void noDecisionMakesNoGroup() {
        assertThat(CheckCommitteeDecisionsDelegate.groups(List.of())).isEmpty();
    }
}
