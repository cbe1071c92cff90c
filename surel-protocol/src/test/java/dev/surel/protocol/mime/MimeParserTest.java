package dev.surel.protocol.mime;

import static dev.surel.protocol.mime.Samples.crlf;
import static dev.surel.protocol.mime.Samples.parse;
import static dev.surel.protocol.mime.Samples.slice;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeParserTest {

    @Test
    void plainTextMessageHasPartOneAsItsBody() {
        byte[] m = crlf(Samples.PLAIN);
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        MimePart.Single root = (MimePart.Single) s.root();
        assertThat(root.content().type()).isEqualTo("text");
        assertThat(root.content().subtype()).isEqualTo("plain");
        assertThat(root.content().charset()).isEqualTo("utf-8");
        assertThat(root.content().encoding()).isEqualTo("8bit");
        String body = "Hi Bob,\r\nlunch at noon? Café du Nord.\r\n-- \r\nAlice\r\n";
        assertThat(slice(m, s.range(SectionText.TEXT).orElseThrow())).isEqualTo(body);
        assertThat(slice(m, s.range(SectionText.CONTENT, 1).orElseThrow())).isEqualTo(body);
        assertThat(slice(m, s.range(SectionText.HEADER).orElseThrow())).startsWith("Return-Path:").endsWith("8bit\r\n\r\n");
        assertThat(s.range(SectionText.MIME, 1)).contains(s.root().header());
        assertThat(root.lines()).isEqualTo(4);
        assertThat(root.bodySize()).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(s.part(2)).isEmpty();
        assertThat(s.part(1, 1)).isEmpty();
        assertThat(s.sections()).extracting(MessageStructure.Section::number).containsExactly("1");
        Envelope e = s.envelope();
        assertThat(e.subject()).isEqualTo("Lunch");
        assertThat(e.date()).isEqualTo("Mon, 23 Nov 2026 03:00:00 +0100");
        assertThat(e.messageId()).isEqualTo("<1@example.org>");
        assertThat(e.from()).containsExactly(new ImapAddress("Alice Example", null, "alice", "example.org"));
        assertThat(e.sender()).isEqualTo(e.from());
        assertThat(e.replyTo()).isEqualTo(e.from());
        assertThat(e.to()).containsExactly(new ImapAddress("Bob", null, "bob", "example.com"),
                new ImapAddress(null, null, "carol", "example.net"));
        assertThat(e.cc()).isEmpty();
        assertThat(e.inReplyTo()).isNull();
    }

    @Test
    void alternativeSectionsSliceToTheirBodies() {
        byte[] m = crlf(Samples.ALTERNATIVE);
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        MimePart.Multipart root = (MimePart.Multipart) s.root();
        assertThat(root.subtype()).isEqualTo("alternative");
        assertThat(root.content().boundary()).isEqualTo("alt-1");
        assertThat(root.children()).hasSize(2);
        assertThat(slice(m, s.range(SectionText.CONTENT, 1).orElseThrow())).isEqualTo("Order 42 shipped.");
        assertThat(slice(m, s.range(SectionText.MIME, 1).orElseThrow()))
                .isEqualTo("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        assertThat(slice(m, s.range(SectionText.CONTENT, 2).orElseThrow()))
                .isEqualTo("<html><body><p>Order <b>42</b> shipped. Gr=FC=DFe</p></body></html>");
        MimePart.Single html = (MimePart.Single) s.part(2).orElseThrow();
        assertThat(html.content().encoding()).isEqualTo("quoted-printable");
        assertThat(html.lines()).isEqualTo(1);
        assertThat(((MimePart.Single) s.part(1).orElseThrow()).lines()).isEqualTo(1);
        // the multipart's text runs from preamble through epilogue
        assertThat(slice(m, s.range(SectionText.TEXT).orElseThrow())).startsWith("This is a multi-part")
                .endsWith("--alt-1--\r\nepilogue\r\n");
    }

    @Test
    void mixedWithAttachmentAndForwardedMultipartMessage() {
        byte[] m = crlf(Samples.MIXED);
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        assertThat(s.sections()).extracting(MessageStructure.Section::number)
                .containsExactly("1", "2", "3", "3.1", "3.2");
        assertThat(slice(m, s.range(SectionText.CONTENT, 1).orElseThrow())).isEqualTo("See attached.\r\n");
        MimePart.Single text = (MimePart.Single) s.part(1).orElseThrow();
        assertThat(text.lines()).isEqualTo(1);
        assertThat(text.content().charset()).isEqualTo("us-ascii"); // RFC 2045 §5.2 default kept

        MimePart.Single pdf = (MimePart.Single) s.part(2).orElseThrow();
        assertThat(slice(m, pdf.body())).isEqualTo(
                "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n"
                        + "ZW5kc3RyZWFtCmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK");
        ContentFields c = pdf.content();
        assertThat(c.type()).isEqualTo("application");
        assertThat(c.encoding()).isEqualTo("base64");
        assertThat(c.disposition()).isEqualTo("attachment");
        assertThat(c.dispositionParameters().list()).extracting(MimeParameter::name)
                .containsExactly("filename*0*", "filename*1*");
        assertThat(c.fileName()).isEqualTo("Résumé.pdf");
        assertThat(c.parameters().get("name")).isEqualTo("report.pdf");
        assertThat(c.id()).isEqualTo("<part2@example.com>");
        assertThat(c.description()).isEqualTo("The report");

        MimePart.Message fwd = (MimePart.Message) s.part(3).orElseThrow();
        assertThat(fwd.content().disposition()).isEqualTo("inline");
        assertThat(fwd.envelope().subject()).isEqualTo("report");
        assertThat(fwd.envelope().from()).containsExactly(new ImapAddress("Carol", null, "carol", "example.net"));
        assertThat(slice(m, s.range(SectionText.HEADER, 3).orElseThrow())).startsWith("From: Carol")
                .endsWith("boundary=\"inner\"\r\n\r\n");
        String inner = slice(m, s.range(SectionText.TEXT, 3).orElseThrow());
        assertThat(inner).startsWith("--inner\r\n").endsWith("--inner--\r\n");
        assertThat(slice(m, fwd.body())).isEqualTo(slice(m, s.range(SectionText.HEADER, 3).orElseThrow()) + inner);
        assertThat(fwd.lines()).isEqualTo(slice(m, fwd.body()).split("\r\n", -1).length - 1);
        assertThat(slice(m, s.range(SectionText.CONTENT, 3, 1).orElseThrow())).isEqualTo("numbers inside");
        assertThat(slice(m, s.range(SectionText.CONTENT, 3, 2).orElseThrow())).isEqualTo("<p>numbers inside</p>");
        assertThat(slice(m, s.range(SectionText.MIME, 3, 2).orElseThrow()))
                .isEqualTo("Content-Type: text/html; charset=utf-8\r\n\r\n");
        assertThat(s.range(SectionText.HEADER, 1)).isEmpty();
        assertThat(s.envelope().inReplyTo()).isEqualTo("<1@example.org>");
    }

    @Test
    void messageRfc822WithSinglePartBodyHasPartOneAsItsBody() {
        byte[] m = crlf("""
                Subject: outer
                Content-Type: message/rfc822

                Subject: inner

                inner body
                """);
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        assertThat(s.sections()).extracting(MessageStructure.Section::number).containsExactly("1", "1.1");
        assertThat(slice(m, s.range(SectionText.CONTENT, 1, 1).orElseThrow())).isEqualTo("inner body\r\n");
        assertThat(slice(m, s.range(SectionText.HEADER, 1).orElseThrow())).isEqualTo("Subject: inner\r\n\r\n");
        assertThat(((MimePart.Message) s.root()).lines()).isEqualTo(3);
    }

    @Test
    void digestChildrenDefaultToMessageRfc822() {
        byte[] m = crlf("""
                Content-Type: multipart/digest; boundary=d

                --d

                Subject: one

                first
                --d--
                """);
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        MimePart p = s.part(1).orElseThrow();
        assertThat(p).isInstanceOf(MimePart.Message.class);
        assertThat(((MimePart.Message) p).envelope().subject()).isEqualTo("one");
        assertThat(slice(m, s.range(SectionText.CONTENT, 1, 1).orElseThrow())).isEqualTo("first");
    }

    @Test
    void encodedWordsAndGroupsAndMissingFields() {
        byte[] m = crlf("""
                Subject: =?UTF-8?B?w4FydsOtenTFsXLFkSB0w7xrw7ZyZsO6csOzZ8OpcA==?=
                To: Friends: =?ISO-8859-1?Q?J=F6rg?= <jorg@example.de>, ann@example.com;, solo@example.com
                Cc: undisclosed-recipients:;
                Sender:
                Reply-To: =?UTF-8?Q?Caf=C3=A9?= <cafe@example.fr>

                body
                """);
        MessageStructure s = parse(m);
        Envelope e = s.envelope();
        assertThat(e.date()).isNull();
        assertThat(e.from()).isEmpty();
        assertThat(e.sender()).isEmpty(); // defaults to From, which is NIL
        assertThat(e.messageId()).isNull();
        assertThat(e.subject()).startsWith("=?UTF-8?B?");
        assertThat(e.decodedSubject()).isEqualTo("Árvíztűrő tükörfúrógép");
        assertThat(e.to()).containsExactly(
                new ImapAddress(null, null, "Friends", null),
                new ImapAddress("Jörg", null, "jorg", "example.de"),
                new ImapAddress(null, null, "ann", "example.com"),
                new ImapAddress(null, null, null, null),
                new ImapAddress(null, null, "solo", "example.com"));
        assertThat(e.to().get(0).isGroupStart()).isTrue();
        assertThat(e.to().get(3).isGroupEnd()).isTrue();
        assertThat(e.to().get(1).encodedName()).startsWith("=?").endsWith("?=");
        assertThat(e.cc()).containsExactly(new ImapAddress(null, null, "undisclosed-recipients", null),
                new ImapAddress(null, null, null, null));
        assertThat(e.replyTo()).containsExactly(new ImapAddress("Café", null, "cafe", "example.fr"));
    }

    @Test
    void latin1QSubjectDecodes() {
        MessageStructure s = parse(crlf("Subject: =?iso-8859-1?q?Gr=FC=DFe_aus_K=F6ln?=\n\nx\n"));
        assertThat(s.envelope().decodedSubject()).isEqualTo("Grüße aus Köln");
        assertThat(s.header().first("subject").orElseThrow().decodedValue()).isEqualTo("Grüße aus Köln");
    }

    @Test
    void senderPresentIsKeptAndRouteIsTheAdl() {
        MessageStructure s = parse(crlf("From: a@x.org\nSender: <@r1.example,@r2.example:b@y.org>\n\n"));
        assertThat(s.envelope().sender()).containsExactly(new ImapAddress(null, "@r1.example,@r2.example", "b", "y.org"));
        assertThat(s.envelope().replyTo()).isEqualTo(s.envelope().from());
    }

    @Test
    void extensionFieldsForBodystructure() {
        byte[] m = crlf("""
                Content-Type: Multipart/Related; boundary="r"; type="text/html"
                Content-Language: en, de (German)
                Content-Location: http://example.com/
                 page.html

                --r
                Content-Type: image/png; name=dot.png
                Content-Transfer-Encoding: BASE64
                Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
                Content-Disposition: INLINE; filename="dot.png"; size=68
                Content-ID: <dot>

                iVBORw0KGgo=
                --r--
                """);
        MessageStructure s = parse(m);
        Samples.assertInvariants(s, m.length);
        ContentFields root = s.root().content();
        assertThat(root.subtype()).isEqualTo("related");
        assertThat(root.parameters().list()).containsExactly(new MimeParameter("boundary", "r"),
                new MimeParameter("type", "text/html"));
        assertThat(root.language()).containsExactly("en", "de");
        assertThat(root.location()).isEqualTo("http://example.com/page.html");
        ContentFields png = s.part(1).orElseThrow().content();
        assertThat(png.encoding()).isEqualTo("base64");
        assertThat(png.md5()).isEqualTo("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(png.disposition()).isEqualTo("inline");
        assertThat(png.dispositionParameters().list()).containsExactly(new MimeParameter("filename", "dot.png"),
                new MimeParameter("size", "68"));
        assertThat(png.id()).isEqualTo("<dot>");
        assertThat(png.language()).isEmpty();
        assertThat(png.location()).isNull();
    }

    @Test
    void partialRangesAreClampedToTheSection() {
        byte[] m = crlf(Samples.ALTERNATIVE);
        ByteRange body = parse(m).range(SectionText.CONTENT, 1).orElseThrow();
        assertThat(slice(m, body.partial(6, 2))).isEqualTo("42");
        assertThat(slice(m, body.partial(9, 1000))).isEqualTo("shipped.");
        assertThat(body.partial(1000, 5).length()).isZero();
    }
}
