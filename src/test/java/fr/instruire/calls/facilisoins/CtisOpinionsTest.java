package fr.instruire.calls.facilisoins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The CTIS gives its opinion on the national team's proposal; it does not change it. */
class CtisOpinionsTest {

    @Test
    void aCtisRowDepartingFromTheRecordedProposalIsNamed() {
        var recorded = Map.of("FACI-2026-0001", new SelectionProposals.Proposed("RETENU", ""),
                "FACI-2026-0002", new SelectionProposals.Proposed("NON_RETENU", "Au-delà des places"));
        assertThat(CtisOpinions.departures(List.of(
                new CtisOpinions.Row("FACI-2026-0001", "RETENU", "  ", "FAVORABLE", null),
                new CtisOpinions.Row("FACI-2026-0002", "NON_RETENU", " Au-delà des places ", "DEFAVORABLE", "Non")), recorded)).isEmpty();
        assertThat(CtisOpinions.departures(List.of(
                new CtisOpinions.Row("FACI-2026-0001", "NON_RETENU", "", "FAVORABLE", null),
                new CtisOpinions.Row("FACI-2026-0002", "NON_RETENU", "Autre", "FAVORABLE", null),
                new CtisOpinions.Row("FACI-2026-0003", "RETENU", "", "FAVORABLE", null)), recorded))
                .containsExactly(
                        "dossier FACI-2026-0001 : la proposition de l'équipe nationale (« retenu ») ne peut être modifiée par le CTIS, qui donne seulement son avis",
                        "dossier FACI-2026-0002 : la proposition de l'équipe nationale (« non retenu », motif « Au-delà des places ») ne peut être modifiée par le CTIS, qui donne seulement son avis",
                        "le dossier « FACI-2026-0003 » ne figure pas dans la proposition de l'équipe nationale");
    }
}
