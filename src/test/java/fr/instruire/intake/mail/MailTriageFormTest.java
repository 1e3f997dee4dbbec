package fr.instruire.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The form of « Qualifier le courriel » reads what the process gives it and writes what {@code checkMailTriage} and
 * the gateway read: a renamed variable fails here, not as an empty line in a reviewer's Tasklist.
 */
class MailTriageFormTest {

    private static final Path FORM = Path.of("forms/common/mail-triage.form");
    private static final Set<String> START_VARIABLES = Set.of(MailTriage.FROM, MailTriage.SUBJECT, MailTriage.RECEIVED_AT,
            MailTriage.RECEIVED_LATE, MailTriage.EXCERPT, MailTriage.ATTACHMENT_NAMES);
    private static final Pattern INSERT = Pattern.compile("\\{\\{(?:#if |#loop )?\\s*([A-Za-z_][\\w.]*)");

    @Test
    void itShowsTheMailFromTheStartVariablesInAnHtmlComponent() throws IOException {
        var read = new HashSet<String>();
        for (var component : form().path("components")) {
            for (var field : new String[] {"text", "content", "label", "description"}) {
                var matcher = INSERT.matcher(component.path(field).asText());
                while (matcher.find()) {
                    read.add(matcher.group(1));
                    // a text component reads inserted values as Markdown: a sender's [lien](…) would become a link
                    assertThat(component.path("type").asText()).as("component showing %s", matcher.group(1)).isEqualTo("html");
                }
            }
        }
        assertThat(read).isEqualTo(START_VARIABLES);
    }

    @Test
    void itsFieldsAreWhatTheServerChecks() throws IOException {
        var keys = new HashSet<String>();
        JsonNode decision = null;
        for (var component : form().path("components")) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
                if (component.get("key").asText().equals(MailTriage.DECISION)) {
                    decision = component;
                }
            }
        }
        assertThat(keys).containsExactlyInAnyOrder(MailTriage.DECISION, MailTriage.ATTACH_TO, MailTriage.DISCARD_REASON);
        assertThat(decision.path("values").findValuesAsText("value"))
                .containsExactly(MailTriage.ATTACH, MailTriage.NEW_DOSSIER, MailTriage.DISCARD);
    }

    private static JsonNode form() throws IOException {
        return new ObjectMapper().readTree(FORM.toFile());
    }
}
