package dev.surel.protocol.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sample messages written for these tests, and helpers shared by them. */
final class Samples {

    private Samples() {
    }

    /** The text with every LF turned into CRLF (the store's canonical form). */
    static byte[] crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static MessageStructure parse(byte[] msg) {
        try {
            return new MimeParser(MimeSettings.defaults()).parse(new ByteArrayInputStream(msg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String slice(byte[] msg, ByteRange r) {
        return new String(msg, (int) r.start(), (int) r.length(), StandardCharsets.UTF_8);
    }

    /** Asserts the structural invariants of every part (offsets in range, nesting, order). */
    static void assertInvariants(MessageStructure s, long size) {
        assertThat(s.size()).isEqualTo(size);
        assertThat(s.root().headerStart()).isZero();
        assertThat(s.root().bodyEnd()).isEqualTo(size);
        check(s.root(), 0, size);
        for (MessageStructure.Section sec : s.sections()) {
            assertThat(s.range(SectionText.CONTENT, path(sec.number()))).contains(sec.part().body());
        }
    }

    private static void check(MimePart p, long lo, long hi) {
        assertThat(p.headerStart()).isBetween(lo, hi);
        assertThat(p.bodyStart()).isBetween(p.headerStart(), hi);
        assertThat(p.bodyEnd()).isBetween(p.bodyStart(), hi);
        switch (p) {
            case MimePart.Multipart m -> {
                assertThat(m.children()).isNotEmpty();
                long at = m.bodyStart();
                for (MimePart c : m.children()) {
                    check(c, at, m.bodyEnd());
                    at = c.bodyEnd();
                }
            }
            case MimePart.Message m -> {
                assertThat(m.message().headerStart()).isEqualTo(m.bodyStart());
                assertThat(m.message().bodyEnd()).isEqualTo(m.bodyEnd());
                assertThat(m.envelope()).isNotNull();
                check(m.message(), m.bodyStart(), m.bodyEnd());
            }
            case MimePart.Single x -> assertThat(x.lines()).isNotNegative();
        }
    }

    static int[] path(String section) {
        return java.util.Arrays.stream(section.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    static final String PLAIN = """
            Return-Path: <alice@example.org>
            Date: Mon, 23 Nov 2026 03:00:00 +0100
            From: Alice Example <alice@example.org>
            To: Bob <bob@example.com>, carol@example.net
            Subject: Lunch
            Message-ID: <1@example.org>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Hi Bob,
            lunch at noon? Café du Nord.
            --\s
            Alice
            """;

    static final String ALTERNATIVE = """
            From: shop@example.com
            To: bob@example.com
            Subject: Your order
            Date: Tue, 24 Nov 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt-1"

            This is a multi-part message in MIME format.
            --alt-1
            Content-Type: text/plain; charset=us-ascii

            Order 42 shipped.
            --alt-1
            Content-Type: text/html; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            <html><body><p>Order <b>42</b> shipped. Gr=FC=DFe</p></body></html>
            --alt-1--
            epilogue
            """;

    /** multipart/mixed: text, base64 attachment with RFC 2231 name, forwarded message (itself multipart). */
    static final String MIXED = """
            From: Bob <bob@example.com>
            To: Alice <alice@example.org>
            Subject: Fwd: report
            Date: Wed, 25 Nov 2026 09:30:00 -0500
            Message-ID: <fwd-7@example.com>
            In-Reply-To: <1@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: text/plain

            See attached.

            --outer
            Content-Type: application/pdf; name="report.pdf"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment;
             filename*0*=utf-8''R%C3%A9sum;
             filename*1*=%C3%A9.pdf
            Content-ID: <part2@example.com>
            Content-Description: The report

            JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
            ZW5kc3RyZWFtCmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK
            --outer
            Content-Type: message/rfc822
            Content-Disposition: inline

            From: Carol <carol@example.net>
            To: bob@example.com
            Subject: report
            Date: Tue, 24 Nov 2026 18:00:00 +0000
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=utf-8

            numbers inside
            --inner
            Content-Type: text/html; charset=utf-8

            <p>numbers inside</p>
            --inner--

            --outer--
            """;

    static List<String> all() {
        return List.of(PLAIN, ALTERNATIVE, MIXED);
    }
}
