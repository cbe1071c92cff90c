package dev.surel.protocol.mime;

import static dev.surel.protocol.mime.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    private static final String HEADER = """
            Received: from a.example by b.example;
            \tMon, 23 Nov 2026 03:00:00 +0000
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and
              more
            from: x@y.z
            To: a@b.c
            X-Empty:
            Subject : second

            """;

    @Test
    void parsesFieldsWithExactRawBytes() {
        byte[] block = crlf(HEADER);
        HeaderFields h = HeaderFields.parse(block);
        assertThat(h.fields()).extracting(HeaderField::name)
                .containsExactly("Received", "Subject", "from", "To", "X-Empty", "Subject");
        HeaderField subject = h.first("SUBJECT").orElseThrow();
        assertThat(new String(subject.raw(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and\r\n  more\r\n");
        assertThat(subject.rawValue()).isEqualTo(" =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and\r\n  more");
        assertThat(subject.value()).isEqualTo("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and  more");
        assertThat(subject.decodedValue()).isEqualTo("Grüße and  more");
        assertThat(h.all("subject")).hasSize(2);
        assertThat(h.value("x-empty")).isEmpty();
        assertThat(h.value("Cc")).isNull();
        // concatenated raw fields + blank line = the block
        StringBuilder all = new StringBuilder();
        h.fields().forEach(f -> all.append(new String(f.raw(), StandardCharsets.US_ASCII)));
        assertThat(all + "\r\n").isEqualTo(new String(block, StandardCharsets.US_ASCII));
    }

    @Test
    void selectsHeaderFieldsAndNotAsImapRequires() {
        HeaderFields h = HeaderFields.parse(crlf(HEADER));
        assertThat(new String(h.select(List.of("subject", "TO"), false), StandardCharsets.US_ASCII)).isEqualTo(
                "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and\r\n  more\r\nTo: a@b.c\r\nSubject : second\r\n\r\n");
        assertThat(new String(h.select(List.of("received", "subject", "x-empty"), true), StandardCharsets.US_ASCII))
                .isEqualTo("from: x@y.z\r\nTo: a@b.c\r\n\r\n");
        assertThat(new String(h.select(List.of("nope"), false), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
    }

    @Test
    void unterminatedLastFieldGetsCrlfWhenSelected() {
        HeaderFields h = HeaderFields.parse("A: 1\r\nB: 2".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(h.select(List.of("b"), false), StandardCharsets.US_ASCII)).isEqualTo("B: 2\r\n\r\n");
    }

    @Test
    void decodedTextListsEveryField() {
        HeaderFields h = HeaderFields.parse(crlf("Subject: =?ISO-8859-1?B?R3L832U=?=\nTo: a@b.c\n\n"));
        assertThat(h.decodedText()).isEqualTo("Subject: Grüße\nTo: a@b.c\n");
    }

    @Test
    void readsAHeaderBlockFromAStreamWithACap() throws Exception {
        byte[] m = crlf(HEADER + "body\n");
        HeaderFields h = HeaderFields.read(new java.io.ByteArrayInputStream(m), MimeSettings.defaults());
        assertThat(h).isEqualTo(HeaderFields.parse(crlf(HEADER)));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            big.append("X-Filler-").append(i).append(": ").append("y".repeat(100)).append('\n');
        }
        HeaderFields capped = HeaderFields.read(new java.io.ByteArrayInputStream(crlf(big + "\nbody\n")),
                new MimeSettings(2048, 1024, 10, 10, 10));
        assertThat(capped.fields()).hasSize(17).allSatisfy(f -> assertThat(f.name()).startsWith("X-Filler-"));
    }

    @Test
    void utf8HeadersAreUtf8() {
        HeaderFields h = HeaderFields.parse("Subject: Grüße\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(h.value("subject")).isEqualTo("Grüße");
    }
}
