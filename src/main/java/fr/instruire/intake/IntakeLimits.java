package fr.instruire.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the anonymous API accepts ({@code instruire.intake.*}): a JSON body's size, refused before it is parsed; the
 * number and total size of a dossier's documents (one document's size is the multipart limit,
 * {@code spring.servlet.multipart.max-file-size}).
 */
@ConfigurationProperties("instruire.intake")
record IntakeLimits(@DefaultValue("256KB") DataSize maxJsonBytes,
                    @DefaultValue("30") int maxDocuments,
                    @DefaultValue("100MB") DataSize maxDocumentsBytes) {
}
