package fr.instruire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Documents are recognised by their content; ZIP and OLE2 containers, by their content and then their extension. */
class DocumentTypesTest {

    static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    static final byte[] ZIP = {'P', 'K', 3, 4, 0, 0};

    @Test
    void legacyWordAndExcelFilesAreOle2ContainersToldApartByTheirExtension() {
        assertThat(DocumentTypes.detect(OLE2, "dossier.DOC")).contains("application/msword");
        assertThat(DocumentTypes.detect(OLE2, "budget.xls")).contains("application/vnd.ms-excel");
        assertThat(DocumentTypes.detect(OLE2, "message.msg")).isEmpty();
        assertThat(DocumentTypes.detect(OLE2, null)).isEmpty();
        assertThat(DocumentTypes.detect("pas un document".getBytes(StandardCharsets.UTF_8), "dossier.doc")).isEmpty();
    }

    @Test
    void theContentDecidesBeforeTheName() {
        assertThat(DocumentTypes.detect("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "dossier.doc")).contains("application/pdf");
        assertThat(DocumentTypes.detect(ZIP, "dossier.docx"))
                .contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(DocumentTypes.detect(ZIP, "dossier.doc")).isEmpty();
        assertThat(DocumentTypes.detect(ZIP, "archive.zip")).isEmpty();
    }
}
