package fr.instruire.notification;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The French mail templates, {@code templates/mail/{name}.txt} in Thymeleaf's TEXT mode, or a call's own variant
 * {@code templates/mail/{callId}/{name}.txt} when it has one. The first line,
 * {@code Objet : …}, is the subject; the rest is the body. The engine is this class's own, not a bean: a
 * {@code SpringTemplateEngine} bean would replace the one Spring Boot configures for HTML views.
 */
@Component
class MailTemplates {

    /** Template names as the models give them; no path, so a model cannot point at another file. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SUBJECT = Pattern.compile("Objet\\s*:\\s*(\\S.*)");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailTemplates() {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
    }

    record RenderedMail(String subject, String body) {
    }

    RenderedMail render(String template, Map<String, Object> variables) {
        return render(null, template, variables);
    }

    /**
     * Renders the call's own variant of a template, {@code templates/mail/{callId}/{template}.txt}, if the call has
     * one, else the common {@code templates/mail/{template}.txt}.
     */
    RenderedMail render(String callId, String template, Map<String, Object> variables) {
        if (template == null || !NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("Modèle de courriel invalide : " + template);
        }
        var name = callId != null && NAME.matcher(callId).matches()
                && getClass().getClassLoader().getResource("templates/mail/" + callId + "/" + template + ".txt") != null
                ? callId + "/" + template : template;
        var text = engine.process(name, new Context(Locale.FRENCH, variables));
        var end = text.indexOf('\n');
        var subject = SUBJECT.matcher(end < 0 ? text : text.substring(0, end).strip());
        if (!subject.matches()) {
            throw new IllegalStateException("Le modèle " + template + " ne commence pas par « Objet : … »");
        }
        return new RenderedMail(subject.group(1), text.substring(end + 1).strip() + "\n");
    }
}
