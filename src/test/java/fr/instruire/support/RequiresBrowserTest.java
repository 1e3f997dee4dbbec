package fr.instruire.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Browser tests: skipped with the install command where Chromium is missing, unless they are required (CI). */
class RequiresBrowserTest {

    @Test
    void withoutChromiumTheyAreSkippedAndSayHowToInstallIt() {
        var result = RequiresBrowser.Condition.evaluate(false, false);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains(RequiresBrowser.INSTALL));
    }

    @Test
    void whenRequiredTheyRunAndFailWithoutChromium() {
        assertThat(RequiresBrowser.Condition.evaluate(false, true).isDisabled()).isFalse();
    }

    @Test
    void withChromiumTheyRun() {
        assertThat(RequiresBrowser.Condition.evaluate(true, false).isDisabled()).isFalse();
    }
}
