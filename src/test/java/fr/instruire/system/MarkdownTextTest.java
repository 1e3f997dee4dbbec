package fr.instruire.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

    @Test
    void aLinkAnImageAndHtmlBecomeTheirCharacters() {
        assertThat(MarkdownText.literal("[Cliquez ici](https://piege.example) ![x](y) <img src=x onerror=alert(1)>"))
                .isEqualTo("\\[Cliquez ici\\]\\(https\\:\\/\\/piege\\.example\\) \\!\\[x\\]\\(y\\) \\<img src\\=x onerror\\=alert\\(1\\)\\>");
    }

    @Test
    void aNewLineCannotStartAHeadingOrAList() {
        assertThat(MarkdownText.literal("Budget\n# Titre\r\n- point\n1. un")).isEqualTo("Budget \\# Titre  \\- point 1\\. un");
    }

    @Test
    void templatesEntitiesAndEmphasisStayLiteral() {
        assertThat(MarkdownText.literal("{{dossierNumber}} &amp; **gras** _it_ `code` ~barré~ | table"))
                .isEqualTo("\\{\\{dossierNumber\\}\\} \\&amp\\; \\*\\*gras\\*\\* \\_it\\_ \\`code\\` \\~barré\\~ \\| table");
    }

    @Test
    void frenchTextIsKeptAsIs() {
        assertThat(MarkdownText.literal("Écart : recrutement de l’infirmière reporté à mars « faute de candidats »"))
                .isEqualTo("Écart \\: recrutement de l’infirmière reporté à mars « faute de candidats »");
        assertThat(MarkdownText.literal(null)).isNull();
    }
}
