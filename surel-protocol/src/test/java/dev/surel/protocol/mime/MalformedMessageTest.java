package dev.surel.protocol.mime;

import static dev.surel.protocol.mime.Samples.crlf;
import static dev.surel.protocol.mime.Samples.parse;
import static dev.surel.protocol.mime.Samples.slice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The malformed shapes the store must still accept and serve as well as it can. */
class MalformedMessageTest {

    private static MessageStructure ok(byte[] m) {
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        return s;
    }

    @Test
    void emptyMessage() {
        MessageStructure s = ok(new byte[0]);
        assertThat(s.root()).isEqualTo(new MimePart.Single(0, 0, 0, ContentFields.defaults(), 0));
        assertThat(s.envelope().subject()).isNull();
        assertThat(s.part(1)).contains(s.root());
    }

    @Test
    void headerOnlyMessageWithAndWithoutFinalLineBreak() {
        byte[] a = crlf("Subject: only\nFrom: a@b.c\n");
        MessageStructure s = ok(a);
        assertThat(s.root().bodyStart()).isEqualTo(a.length);
        assertThat(s.envelope().subject()).isEqualTo("only");
        byte[] b = "Subject: only".getBytes(StandardCharsets.US_ASCII);
        MessageStructure t = ok(b);
        assertThat(t.root().bodyStart()).isEqualTo(b.length);
        assertThat(t.envelope().subject()).isEqualTo("only");
    }

    @Test
    void noHeaderBodySeparatorStartsTheBodyAtTheFirstNonFieldLine() {
        byte[] m = crlf("Subject: hi\nthis line is not a header\nmore\n");
        MessageStructure s = ok(m);
        assertThat(s.envelope().subject()).isEqualTo("hi");
        assertThat(slice(m, s.root().body())).isEqualTo("this line is not a header\r\nmore\r\n");
        assertThat(((MimePart.Single) s.root()).lines()).isEqualTo(2);
        byte[] noHeader = crlf("just text\n");
        assertThat(ok(noHeader).root().bodyStart()).isZero();
    }

    @Test
    void multipartWithoutBoundaryIsTextPlain() {
        byte[] m = crlf("Content-Type: multipart/mixed\n\n--x\nContent-Type: text/html\n\nhi\n--x--\n");
        MessageStructure s = ok(m);
        MimePart.Single root = (MimePart.Single) s.root();
        assertThat(root.content().type()).isEqualTo("text");
        assertThat(root.content().subtype()).isEqualTo("plain");
        assertThat(slice(m, root.body())).startsWith("--x");
    }

    @Test
    void multipartWhoseBoundaryNeverAppearsIsTextPlain() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=zzz\n\nno parts here\n");
        MimePart root = ok(m).root();
        assertThat(root).isInstanceOf(MimePart.Single.class);
        assertThat(root.content().subtype()).isEqualTo("plain");
        assertThat(((MimePart.Single) root).lines()).isEqualTo(1);
    }

    @Test
    void unterminatedMultipartEndsAtEndOfInput() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\nstill two");
        MessageStructure s = ok(m);
        assertThat(slice(m, s.part(1).orElseThrow().body())).isEqualTo("one");
        assertThat(slice(m, s.part(2).orElseThrow().body())).isEqualTo("two\r\nstill two");
        assertThat(((MimePart.Single) s.part(2).orElseThrow()).lines()).isEqualTo(2);
    }

    @Test
    void outerBoundaryEndsAnUnterminatedInnerMultipart() {
        byte[] m = crlf("""
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner

                a
                --outer

                b
                --outer--
                """);
        MessageStructure s = ok(m);
        assertThat(s.sections()).extracting(MessageStructure.Section::number).containsExactly("1", "1.1", "2");
        assertThat(slice(m, s.part(1, 1).orElseThrow().body())).isEqualTo("a");
        assertThat(slice(m, s.part(2).orElseThrow().body())).isEqualTo("b");
    }

    @Test
    void boundaryWithTrailingWhitespaceAndPrefixRelatedBoundaries() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=ab\n\npreamble\n--ab \t\n\n--abc\none\n--ab--  \nepi\n");
        MessageStructure s = ok(m);
        MimePart.Multipart root = (MimePart.Multipart) s.root();
        assertThat(root.children()).hasSize(1);
        assertThat(slice(m, root.children().get(0).body())).isEqualTo("--abc\r\none");
    }

    @Test
    void bareLineFeedsAreTolerated() {
        byte[] m = Samples.ALTERNATIVE.getBytes(StandardCharsets.UTF_8); // LF only
        MessageStructure s = ok(m);
        assertThat(slice(m, s.part(1).orElseThrow().body())).isEqualTo("Order 42 shipped.");
        assertThat(slice(m, s.part(1).orElseThrow().header())).isEqualTo("Content-Type: text/plain; charset=us-ascii\n\n");
        assertThat(s.envelope().subject()).isEqualTo("Your order");
    }

    @Test
    void eightBitJunkInHeadersIsReadAsLatin1() {
        byte[] head = "Subject: caf\u00e9 \u00ff\u00fe\r\nFrom: \u00e9@\u00e9\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1);
        MessageStructure s = ok(head);
        assertThat(s.envelope().subject()).isEqualTo("caf\u00e9 \u00ff\u00fe");
        assertThat(s.envelope().from()).hasSize(1);
        assertThat(slice(head, s.root().body())).isEqualTo("body\r\n");
    }

    @Test
    void hugeHeaderLineIsCappedButOffsetsStayExact() {
        String big = "x".repeat(300_000);
        byte[] m = crlf("Subject: " + big + "\nX-After: y\n\nbody\n");
        MessageStructure s = ok(m);
        assertThat(slice(m, s.root().body())).isEqualTo("body\r\n");
        assertThat(s.envelope().subject()).hasSizeLessThan(70_000).startsWith("xxx");
    }

    @Test
    void deepNestingIsCutAtTheDepthLimit() {
        int levels = 150;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        sb.append("\ndeep\n");
        for (int i = levels - 1; i >= 0; i--) {
            sb.append("--b").append(i).append("--\n");
        }
        byte[] m = crlf(sb.toString());
        MessageStructure s = ok(m);
        int depth = 0;
        MimePart p = s.root();
        while (p instanceof MimePart.Multipart mp) {
            p = mp.children().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(MimeSettings.defaults().maxDepth());
        assertThat(p.content().type()).isEqualTo("application");
    }

    @Test
    void tooManyPartsStopsSplittingButKeepsOffsets() throws Exception {
        MimeSettings small = new MimeSettings(4096, 4096, 10, 5, 1000);
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 20; i++) {
            sb.append("--b\n\npart").append(i).append('\n');
        }
        sb.append("--b--\n");
        byte[] m = crlf(sb.toString());
        MessageStructure s = new MimeParser(small).parse(new java.io.ByteArrayInputStream(m));
        Samples.assertInvariants(s, m.length);
        assertThat(((MimePart.Multipart) s.root()).children()).hasSize(4);
    }

    /** parseChecked names a cut header (block or line), which the store refuses; a header that fits is not cut. */
    @Test
    void aCutHeaderIsReported() throws Exception {
        MimeSettings small = new MimeSettings(2048, 1024, 10, 10, 1000);
        MimeParser p = new MimeParser(small);
        String filler = ("X-Filler: " + "f".repeat(88) + "\n").repeat(30);
        assertThat(p.parseChecked(new java.io.ByteArrayInputStream(crlf("Subject: x\n" + filler + "X-Late: y\n\nbody\n"))).headerCut())
                .isEqualTo("a header longer than 2048 octets");
        assertThat(p.parseChecked(new java.io.ByteArrayInputStream(crlf("Subject: " + "s".repeat(1500) + "\n\nbody\n"))).headerCut())
                .isEqualTo("a header line longer than 1024 octets");
        String nested = "Content-Type: multipart/mixed; boundary=b\n\n--b\n" + filler + "\npart\n--b--\n";
        assertThat(p.parseChecked(new java.io.ByteArrayInputStream(crlf(nested))).headerCut()).isNotNull();
        assertThat(p.parseChecked(new java.io.ByteArrayInputStream(crlf("Subject: x\n\n" + "b".repeat(5000) + "\n" + filler))).headerCut())
                .as("long body lines and header-like body text are no header").isNull();
    }

    @Test
    void encodedMessageRfc822IsOpaque() {
        byte[] m = crlf("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogeAoKeQo=\n");
        MimePart root = ok(m).root();
        assertThat(root).isInstanceOf(MimePart.Single.class);
        assertThat(root.content().type()).isEqualTo("application");
    }

    @Test
    void garbageContentTypeDefaultsToTextPlain() {
        for (String ct : new String[] {";;;", "/", "text", "(comment) multipart/", "\"quoted\"/x", "text/plain; charset"}) {
            MimePart root = ok(crlf("Content-Type: " + ct + "\n\nx\n")).root();
            assertThat(root.content().type()).as(ct).isIn("text", "quoted");
        }
        ContentFields c = ok(crlf("Content-Type: TEXT/HTML (c); CHARSET=\"UTF-8\"\n\nx\n")).root().content();
        assertThat(c.subtype()).isEqualTo("html");
        assertThat(c.charset()).isEqualTo("UTF-8");
    }

    @Test
    void emptyPartsAndBoundaryRightAfterHeader() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b\nContent-Type: text/plain\n--b--\n");
        MessageStructure s = ok(m);
        assertThat(s.part(1).orElseThrow().bodySize()).isZero();
        assertThat(s.part(2).orElseThrow().bodySize()).isZero();
        assertThat(((MimePart.Single) s.part(1).orElseThrow()).lines()).isZero();
    }
}
