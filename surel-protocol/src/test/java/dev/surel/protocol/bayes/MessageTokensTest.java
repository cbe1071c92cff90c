package dev.surel.protocol.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.mime.MimeSettings;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tokens of whole messages: decoded subject, decoded text parts, HTML as text, attachments ignored, bounded. */
class MessageTokensTest {

    static Set<String> of(String message) {
        return MessageTokens.of(message.getBytes(StandardCharsets.UTF_8), MimeSettings.defaults());
    }

    @Test
    void subjectAndPlainBody() {
        assertThat(of("Subject: Cheap Watches\r\nFrom: a@b.example\r\n\r\nOrder now at https://shop.example.com/x\r\n"))
                .contains("subject:cheap", "subject:watches", "order", "now", "url:shop.example.com", "url:example.com")
                .doesNotContain("from", "b.example");
    }

    @Test
    void encodedWordsTransferEncodingsCharsetsAndHtmlAreDecoded() {
        String m = "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("Grüße und Preise".getBytes(StandardCharsets.UTF_8))
                + "?=\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "K=E4se billig\r\n"
                + "--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getEncoder().encodeToString("<p>Hello <b>wonderful</b> world</p>".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getEncoder().encodeToString("attachmentword".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--b--\r\n";
        assertThat(of(m)).contains("subject:grüße", "subject:und", "subject:preise", "käse", "billig", "hello", "wonderful", "world")
                .doesNotContain("attachmentword", "<p>", "b");
    }

    @Test
    void onlyTheFirstOctetsAreLookedAt() {
        // 5 octets but 3 characters each: past MAX_OCTETS yet well below the tokenizer's own MAX_TEXT characters
        String filler = "éé ".repeat(MessageTokens.MAX_OCTETS / 5 + 10_000);
        assertThat(filler.length()).isLessThan(Tokenizer.MAX_TEXT - 1000);
        Set<String> t = of("Subject: s\r\n\r\nfirst " + filler + "latecomer\r\n");
        assertThat(t).contains("first").doesNotContain("latecomer");
    }

    @Test
    void garbageIsNoError() {
        assertThat(of("\u0000\u0001 no header at all")).isNotNull();
        assertThat(MessageTokens.of(new byte[0], MimeSettings.defaults())).isEmpty();
    }
}
