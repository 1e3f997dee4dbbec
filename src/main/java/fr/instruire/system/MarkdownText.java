package fr.instruire.system;

/**
 * Text written by someone outside (an applicant's file name, an écart's description, a complements answer) made
 * literal for a Camunda Form's {@code text} component, which renders Markdown after inserting {@code {{ }}} values:
 * every ASCII punctuation character is backslash-escaped (CommonMark shows it as itself), so the text cannot make a
 * link, an image, a heading, emphasis, raw HTML or an entity; line breaks become spaces, so it stays one paragraph.
 * Prefer an {@code html} component (it escapes what it inserts) where a form can use one.
 */
public final class MarkdownText {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private MarkdownText() {
    }

    public static String literal(String text) {
        if (text == null) {
            return null;
        }
        var out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == '\r' || c == '\n' || c == '\t') {
                out.append(' ');
            } else if (c < 128 && PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\').append((char) c);
            } else if (!Character.isISOControl(c)) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
