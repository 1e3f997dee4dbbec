package fr.instruire.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Reading candidates' messages never fails: what cannot be read is left out, the raw message is kept beside it. */
class ReceivedMailTest {

    @Test
    void readsEncodedNamesSubjectAndFileNamesAndTheReplyTo() {
        var mail = ReceivedMail.parse(raw("""
                Message-ID: <abc@client.example>
                From: =?UTF-8?Q?H=C3=A9l=C3=A8ne_Dupr=C3=A9?= <helene@mimosas.example>
                Reply-To: direction@mimosas.example
                Subject: =?UTF-8?B?RkFDSUxJU09JTlMg4oCTIGFwcGVsIMOgIGNhbmRpZGF0dXJlcw==?=
                Date: Mon, 14 Feb 2022 10:32:00 +0100
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Notre candidature, ci-jointe.
                --b
                Content-Type: application/pdf; name="=?UTF-8?Q?Dossier_compl=C3=A9t.pdf?="
                Content-Disposition: attachment; filename="=?UTF-8?Q?Dossier_compl=C3=A9t.pdf?="
                Content-Transfer-Encoding: base64

                JVBERi0xLjcK
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename*=UTF-8''budget%20pr%C3%A9visionnel.xls
                Content-Transfer-Encoding: base64

                0M8R4KGxGuEAAAAA
                --b--
                """));

        assertThat(mail.readable()).isTrue();
        assertThat(mail.messageKey()).isEqualTo("<abc@client.example>");
        assertThat(mail.fromName()).isEqualTo("Hélène Dupré");
        assertThat(mail.fromAddress()).isEqualTo("helene@mimosas.example");
        assertThat(mail.contactAddress()).isEqualTo("direction@mimosas.example");
        assertThat(mail.sender()).isEqualTo("Hélène Dupré <helene@mimosas.example>");
        assertThat(mail.subject()).isEqualTo("FACILISOINS – appel à candidatures");
        assertThat(mail.sentAt()).hasToString("2022-02-14T09:32:00Z");
        assertThat(mail.automatic()).isFalse();
        assertThat(mail.excerpt(100)).isEqualTo("Notre candidature, ci-jointe.");
        assertThat(mail.attachmentNames()).containsExactly("Dossier complét.pdf", "budget prévisionnel.xls");
        assertThat(mail.attachments().get(0).content()).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void withoutMessageIdTheKeyIsTheMessagesHash() {
        var raw = raw("From: a@b.example\nSubject: sans identifiant\n\nTexte.\n");
        assertThat(ReceivedMail.parse(raw).messageKey()).startsWith("sha256:").hasSize(7 + 64)
                .isEqualTo(ReceivedMail.parse(raw).messageKey());
        assertThat(ReceivedMail.key("<" + "x".repeat(400) + "@long.example>", raw)).startsWith("sha256:").hasSize(71);
        assertThat(ReceivedMail.key(" <a@b>\r\n ", raw)).isEqualTo("<a@b>");
    }

    @Test
    void anAutoReplyIsAutomaticAndAnHtmlOnlyMessageHasText() {
        var mail = ReceivedMail.parse(raw("""
                From: absent@ars.example
                Subject: Réponse automatique : FACILISOINS – appel à candidatures
                Auto-Submitted: auto-replied
                Content-Type: text/html; charset=UTF-8

                <html><head><style>p { color: red; }</style></head><body><p>Je suis absente&nbsp;jusqu'au 1er mars.</p></body></html>
                """));
        assertThat(mail.automatic()).isTrue();
        assertThat(mail.excerpt(200)).isEqualTo("Je suis absente jusqu'au 1er mars.");
    }

    @Test
    void aMessageWithoutSenderOrWithDamagedPartsIsStillRead() {
        var mail = ReceivedMail.parse(raw("""
                Subject: ???
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=x-inconnu

                texte
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="a.pdf"
                Content-Transfer-Encoding: base64

                ###pas du base64###
                --b--
                """));
        assertThat(mail.fromAddress()).isNull();
        assertThat(mail.contactAddress()).isNull();
        assertThat(mail.sender()).isEqualTo("expéditeur inconnu");
        assertThat(mail.excerpt(50)).as("an unknown charset read as UTF-8").isEqualTo("texte");
        assertThat(mail.attachmentNames()).as("a damaged attachment is still listed").containsExactly("a.pdf");
        assertThat(mail.readable()).as("a reviewer looks at it").isFalse();
    }

    @Test
    void bytesThatAreNoMessageGiveAnUnreadableMailWithAKey() {
        var mail = ReceivedMail.parse(new byte[] {0, 1, 2, (byte) 0xFF});
        assertThat(mail.messageKey()).startsWith("sha256:");
        assertThat(mail.subject()).isNull();
        assertThat(mail.attachments()).isEmpty();
    }

    private static byte[] raw(String message) {
        return message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
