package fr.instruire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Camunda ships its webapps in English and German only; our {@code fr.json} and {@code config.js} under
 * {@code META-INF/resources/webjars/camunda/app/<app>/} shadow the webjar's files. These tests compare them with the
 * webjar on the classpath, so that a Camunda upgrade which adds or renames labels fails here, naming them, instead of
 * showing reviewers raw keys or English.
 */
class WebappFrenchLocaleTest {

    private static final String APP = "META-INF/resources/webjars/camunda/app/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern INTERPOLATION = Pattern.compile("\\{\\{.*?}}|%[ds]|\\{}");
    private static final Pattern MARKUP = Pattern.compile("</?(?:a|b|br|code|em|i|p|span|strong)\\b[^>]*>");

    private static final Set<String> PRODUCT_NAMES = Set.of("Camunda", "Camunda Cockpit", "Cockpit", "Tasklist", "Admin",
            "Optimize");

    /** Words French writes as English does: the only values that may stay identical to the English file. */
    private static final Set<String> SAME_IN_FRENCH = Set.of("Action", "Actions", "Active", "Annotation", "Application",
            "Applications", "Cascade", "Configuration", "Date", "Description", "Documentation", "Double", "Exception",
            "Incidents", "Instance", "instance", "instances", "Long", "Message", "Migration", "minutes", "Notification",
            "Options", "Permissions", "Short", "Source", "Total", "Type", "Types", "Variable", "Variables", "Version");

    @EachWebapp
    void frenchHasExactlyTheKeysOfTheWebjarsEnglish(String app) {
        var english = english(app);
        var french = french(app);

        var missing = new TreeSet<>(english.keySet());
        missing.removeAll(french.keySet());
        var unknown = new TreeSet<>(french.keySet());
        unknown.removeAll(english.keySet());

        assertThat(missing).as("%s fr.json lacks these keys of the webjar's en.json", app).isEmpty();
        assertThat(unknown).as("%s fr.json has keys the webjar's en.json no longer has", app).isEmpty();
    }

    @EachWebapp
    void noFrenchValueIsEmpty(String app) {
        var empty = labelsWhere(app, (key, english, french) -> !english.isBlank() && french.isBlank());

        assertThat(empty).as("%s fr.json has empty values for", app).isEmpty();
    }

    @EachWebapp
    void frenchKeepsEveryPlaceholderOfTheEnglish(String app) {
        var broken = labelsWhere(app, (key, english, french) -> !matches(INTERPOLATION, french)
                .containsAll(matches(INTERPOLATION, english)));

        assertThat(broken).as("%s fr.json loses {{…}} placeholders in", app).isEmpty();
    }

    @EachWebapp
    void frenchKeepsTheMarkupOfTheEnglish(String app) {
        var broken = labelsWhere(app, (key, english, french) -> !sorted(matches(MARKUP, french))
                .equals(sorted(matches(MARKUP, english))));

        assertThat(broken).as("%s fr.json changes the links or tags of", app).isEmpty();
    }

    @EachWebapp
    void everyEnglishLabelIsTranslated(String app) {
        var untranslated = labelsWhere(app, (key, english, french) -> english.equals(french)
                && !key.startsWith("dateLocales.longDateFormat.") && !isNameOrToken(english)
                && !SAME_IN_FRENCH.contains(words(english)));

        assertThat(untranslated).as("%s fr.json still reads as English", app).isEmpty();
    }

    @EachWebapp
    void configurationFallsBackToFrench(String app) {
        var config = text(fromProject(APP + app + "/scripts/config.js"));

        assertThat(config).as("%s config.js", app)
                .containsPattern("(?m)^\\s*locales:\\s*\\{\\s*availableLocales:\\s*\\['fr',\\s*'en'],\\s*fallbackLocale:\\s*'fr'");
    }

    @EachWebapp
    void configurationKeepsWhatCamundaShips(String app) {
        var ours = text(fromProject(APP + app + "/scripts/config.js")).lines().map(String::strip).toList();
        // shortcut descriptions are shown to users, so we translate them; every other shipped line stays
        var dropped = text(fromWebjar(APP + app + "/scripts/config.js")).lines().map(String::strip)
                .filter(line -> !line.startsWith("description:") && !ours.contains(line)).toList();

        assertThat(dropped).as("%s config.js drops lines of the webjar's (has Camunda changed it?)", app).isEmpty();
    }

    /** Runs a test once for each webapp the starter serves. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
    @interface EachWebapp {
    }

    private interface LabelCheck {
        boolean fails(String key, String english, String french);
    }

    /** {@code key = English value} for each label of the webjar's en.json that fails the check against our fr.json. */
    private static Set<String> labelsWhere(String app, LabelCheck check) {
        var french = french(app);
        var failing = new TreeSet<String>();
        english(app).forEach((key, english) -> {
            if (check.fails(key, english, french.getOrDefault(key, ""))) {
                failing.add(key + " = " + english);
            }
        });
        return failing;
    }

    private static List<String> sorted(List<String> values) {
        Collections.sort(values);
        return values;
    }

    private static Map<String, String> english(String app) {
        return flatten(json(fromWebjar(APP + app + "/locales/en.json")));
    }

    private static Map<String, String> french(String app) {
        return flatten(json(fromProject(APP + app + "/locales/fr.json")));
    }

    /** Leaves of a locale file by path: {@code labels.CLAIM_TASK}, {@code dateLocales.months[0]}. */
    private static Map<String, String> flatten(JsonNode node) {
        var leaves = new LinkedHashMap<String, String>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                var field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path, node.asText());
        }
    }

    private static boolean isNameOrToken(String value) {
        var trimmed = value.strip();
        return PRODUCT_NAMES.contains(trimmed)
                || !trimmed.matches(".*\\p{L}{2,}.*") // <, >=, s, digits, dow/doy numbers
                || trimmed.matches("[\\p{Lu}\\d*]+") // ID, OK, CSV, JSON, GLOBAL
                || trimmed.matches("<\\p{L}+>") // <null>, <undefined>: shown as typed
                || trimmed.equals("null");
    }

    /** The words of a value, without placeholders and surrounding punctuation: " instances." reads "instances". */
    private static String words(String value) {
        return INTERPOLATION.matcher(value).replaceAll("").replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
    }

    private static List<String> matches(Pattern pattern, String value) {
        var found = new ArrayList<String>();
        Matcher matcher = pattern.matcher(value);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static JsonNode json(URL url) {
        try {
            return JSON.readTree(text(url));
        } catch (IOException e) {
            throw new UncheckedIOException(url + " is not JSON", e);
        }
    }

    private static String text(URL url) {
        try (InputStream in = url.openStream()) {
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // Camunda's en.json starts with a BOM
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The copy inside camunda-webapp-webjar, even where ours shadows it. */
    private static URL fromWebjar(String path) {
        return resources(path).stream().filter(url -> url.getProtocol().equals("jar")).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not in the webjar on the test classpath"));
    }

    /** Our copy, from the project's resources. */
    private static URL fromProject(String path) {
        return resources(path).stream().filter(url -> !url.getProtocol().equals("jar")).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is missing from src/main/resources"));
    }

    private static List<URL> resources(String path) {
        try {
            return Collections.list(WebappFrenchLocaleTest.class.getClassLoader().getResources(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
