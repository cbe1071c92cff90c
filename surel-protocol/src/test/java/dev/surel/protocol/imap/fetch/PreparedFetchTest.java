package dev.surel.protocol.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.mime.MessageStructure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The ENVELOPE / BODY / BODYSTRUCTURE bytes rendered once (RFC 9051 §7.5.2) are the bytes FETCH
 * writes when it renders the values itself, for either kind of session (RFC 6855 §3).
 */
class PreparedFetchTest {

    private static final String ASCII = """
            Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
            From: Terry Gray <gray@cac.washington.edu>
            Subject: IMAP4rev2 WG mtg summary and minutes
            To: imap@cac.washington.edu
            Message-Id: <B27397-0100000@cac.washington.edu>
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=us-ascii

            Hello
            --b
            Content-Type: application/pdf; name="a.pdf"
            Content-Disposition: attachment; filename="a.pdf"
            Content-Transfer-Encoding: base64

            AAAA
            --b--
            """;

    private static final String EIGHT_BIT = """
            From: José Pérez <jose@example.es>
            Subject: Grüße aus Köln, "quoted" \\ and a very long tail
            Content-Type: text/plain; charset=utf-8; name="Übersicht.txt"

            body
            """;

    private static byte[] render(ImapValue v) {
        return new ResponseBuilder().value(v).toByteArray();
    }

    @Test
    void asciiHeaderHasOneEnvelopeForEverySession() {
        MessageStructure st = Wire.parse(Wire.crlf(ASCII));
        PreparedFetch p = PreparedFetch.of(st);
        assertThat(p.envelopeUtf8()).isNull();
        assertThat(p.envelope(true)).isEqualTo(p.envelope(false))
                .isEqualTo(render(EnvelopeValue.of(st.envelope(), HeaderTextMode.ENCODED_WORDS)))
                .isEqualTo(render(EnvelopeValue.of(st.envelope(), HeaderTextMode.UTF8)));
        assertThat(p.structure(true)).isEqualTo(render(BodyStructureValue.of(st.root(), true, HeaderTextMode.ENCODED_WORDS)));
        assertThat(p.structure(false)).isEqualTo(render(BodyStructureValue.of(st.root(), false, HeaderTextMode.ENCODED_WORDS)));
        assertThat(new String(p.structure(true), StandardCharsets.US_ASCII)).contains("\"mixed\"").contains("\"a.pdf\"");
    }

    @Test
    void eightBitHeaderHasAUtf8FormBesideTheEncodedOne() {
        MessageStructure st = Wire.parse(Wire.crlf(EIGHT_BIT));
        PreparedFetch p = PreparedFetch.of(st);
        assertThat(p.envelope(false)).isEqualTo(render(EnvelopeValue.of(st.envelope(), HeaderTextMode.ENCODED_WORDS)));
        assertThat(p.envelope(true)).isEqualTo(render(EnvelopeValue.of(st.envelope(), HeaderTextMode.UTF8)))
                .isNotEqualTo(p.envelope(false));
        String ascii = new String(p.envelope(false), StandardCharsets.ISO_8859_1);
        assertThat(ascii.chars()).allMatch(c -> c < 0x80);
        assertThat(ascii).contains("=?UTF-8?");
        assertThat(new String(p.envelope(true), StandardCharsets.UTF_8)).contains("Grüße aus Köln").contains("{");
        // BODYSTRUCTURE uses encoded words for every session
        assertThat(new String(p.structure(true), StandardCharsets.ISO_8859_1).chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void renderedBytesGoOutUnchanged() {
        MessageStructure st = Wire.parse(Wire.crlf(EIGHT_BIT));
        PreparedFetch p = PreparedFetch.of(st);
        byte[] direct = new ResponseBuilder().raw("* 1 FETCH (ENVELOPE ")
                .value(EnvelopeValue.of(st.envelope(), HeaderTextMode.UTF8)).raw(")").crlf().toByteArray();
        byte[] stored = new ResponseBuilder().raw("* 1 FETCH (ENVELOPE ").rendered(p.envelope(true)).raw(")").crlf().toByteArray();
        assertThat(stored).isEqualTo(direct);
    }
}
