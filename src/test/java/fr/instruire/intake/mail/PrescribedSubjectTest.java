package fr.instruire.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** « FACILISOINS – appel à candidatures », recognised the way a person reads a subject, and nothing before it. */
class PrescribedSubjectTest {

    final PrescribedSubject facilisoins = new PrescribedSubject("FACILISOINS – appel à candidatures");

    @ParameterizedTest
    @ValueSource(strings = {
            "FACILISOINS – appel à candidatures",
            "FACILISOINS - appel à candidatures",
            "FACILISOINS — appel à candidatures",
            "FACILISOINS ‑ appel à candidatures",
            "facilisoins – APPEL A CANDIDATURES",
            "Facilisoins-appel à candidatures",
            "« FACILISOINS – appel à candidatures »",
            "\"FACILISOINS – appel à candidatures\"",
            "“FACILISOINS – appel à candidatures”",
            "  FACILISOINS  –\u00a0appel\u202fà   candidatures  ",
            "FACILISOINS – appel à candidatures.",
            "FACILISOINS – appel à candidatures – EHPAD Les Mimosas (Occitanie)",
            "FACILISOINS : appel à candidatures",
    })
    void matches(String subject) {
        assertThat(facilisoins.matches(subject)).as(subject).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "RE: FACILISOINS – appel à candidatures",
            "Re : FACILISOINS – appel à candidatures",
            "TR: FACILISOINS – appel à candidatures",
            "Fwd: FACILISOINS – appel à candidatures",
            "FW: FACILISOINS – appel à candidatures",
            "AW: FACILISOINS – appel à candidatures",
            "Réponse automatique : FACILISOINS – appel à candidatures",
            "Question sur FACILISOINS – appel à candidatures",
            "Candidature EHPAD X – FACILISOINS – appel à candidatures",
            "FACILISOINS – appel à candidature",
            "FACILISOINS – appel à candidaturesEHPAD",
            "FACILISOINS",
            "Appel à candidatures FACILISOINS",
            "",
    })
    void doesNotMatch(String subject) {
        assertThat(facilisoins.matches(subject)).as(subject).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x"})
    void aMissingSubjectDoesNotMatch(String ignored) {
        assertThat(facilisoins.matches(null)).isFalse();
    }
}
