package fr.instruire.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class (or one test) that drives Debian's headless Chromium ({@link Browser}). On a developer's machine without it, the class
 * is reported as skipped with the install command, before any application starts; where the browser tests are
 * required ({@code INSTRUIRE_BROWSER_TESTS=required}, set by .ci/run), a missing Chromium fails them instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBrowser.Condition.class)
public @interface RequiresBrowser {

    String INSTALL = "apt-get install -y chromium chromium-driver";

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return evaluate(installed(), required());
        }

        static ConditionEvaluationResult evaluate(boolean installed, boolean required) {
            if (installed) {
                return ConditionEvaluationResult.enabled("Chromium et ChromeDriver présents");
            }
            if (required) {
                return ConditionEvaluationResult.enabled("tests navigateur exigés (INSTRUIRE_BROWSER_TESTS=required) : "
                        + "ils échoueront sans Chromium — " + INSTALL);
            }
            return ConditionEvaluationResult.disabled("Chromium absent de cette machine : test navigateur ignoré. "
                    + "Pour le lancer : " + INSTALL + " (.ci/run l'installe et l'exige).");
        }

        public static boolean installed() {
            return Files.isExecutable(Path.of(Browser.CHROMIUM)) && Files.isExecutable(Path.of(Browser.CHROMEDRIVER));
        }

        static boolean required() {
            return "required".equalsIgnoreCase(System.getenv("INSTRUIRE_BROWSER_TESTS"))
                    || "required".equalsIgnoreCase(System.getProperty("instruire.browser-tests"));
        }
    }
}
