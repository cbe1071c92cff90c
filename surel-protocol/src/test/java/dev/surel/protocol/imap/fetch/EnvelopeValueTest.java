package dev.surel.protocol.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.mime.MessageStructure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ENVELOPE text (RFC 9051 §7.5.2) against Dovecot 2.3.19's answers and the 8-bit rules of the issue. */
class EnvelopeValueTest {

    private static String env(String msg, HeaderTextMode mode) {
        MessageStructure s = Wire.parse(Wire.crlf(msg));
        return Wire.text(EnvelopeValue.of(s.envelope(), mode));
    }

    /** The RFC 9051 §7.5.2 / RFC 3501 sample header; Dovecot answers exactly this. */
    @Test
    void rfcSampleMatchesDovecot() {
        String msg = """
                Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
                From: Terry Gray <gray@cac.washington.edu>
                Subject: IMAP4rev2 WG mtg summary and minutes
                To: imap@cac.washington.edu
                Cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
                Message-Id: <B27397-0100000@cac.washington.edu>
                MIME-Version: 1.0
                Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

                Hello
                """;
        assertThat(env(msg, HeaderTextMode.ENCODED_WORDS)).isEqualTo(
                "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev2 WG mtg summary and minutes\""
                        + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                        + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                        + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                        + " ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                        + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\") (\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\"))"
                        + " NIL NIL \"<B27397-0100000@cac.washington.edu>\")");
    }

    /** Groups as Dovecot sends them: (NIL NIL "Group" NIL) members (NIL NIL NIL NIL). */
    @Test
    void groupSyntax() {
        String e = env("To: Group: a@b.c, \"Q. Person\" <q@x.y>;\nSubject: x\n\n", HeaderTextMode.ENCODED_WORDS);
        assertThat(e).contains("((NIL NIL \"Group\" NIL) (NIL NIL \"a\" \"b.c\") (\"Q. Person\" NIL \"q\" \"x.y\") (NIL NIL NIL NIL))");
    }

    @Test
    void absentFieldsAreNil() {
        assertThat(env("Subject: x\n\nbody\n", HeaderTextMode.ENCODED_WORDS))
                .isEqualTo("(NIL \"x\" NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    /** Raw UTF-8 subject: RFC 2047 encoded for IMAP4rev1, a literal (never quoted) in UTF8 mode. */
    @Test
    void eightBitSubjectNeverInAQuotedString() {
        String msg = "Subject: Grüße\nFrom: Jörg <j@x.y>\n\n";
        ImapValue enc = EnvelopeValue.of(Wire.parse(Wire.crlf(msg)).envelope(), HeaderTextMode.ENCODED_WORDS);
        assertThat(Wire.has8bit(enc)).isFalse();
        assertThat(Wire.text(enc)).startsWith("(NIL \"=?UTF-8?B?R3LDvMOfZQ==?=\" ((\"=?UTF-8?");
        ImapValue utf8 = EnvelopeValue.of(Wire.parse(Wire.crlf(msg)).envelope(), HeaderTextMode.UTF8);
        assertThat(Wire.text(utf8)).startsWith("(NIL {7}\r\nGrüße ((");
    }

    /** Invalid UTF-8 (a Latin-1 byte) comes out as valid UTF-8 bytes of the Latin-1 character, or encoded. */
    @Test
    void invalidUtf8BecomesValidText() {
        byte[] msg = "Subject: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        ImapValue v = EnvelopeValue.of(Wire.parse(msg).envelope(), HeaderTextMode.UTF8);
        ImapValue.Str subject = (ImapValue.Str) ((ImapValue.ListOf) v).items().get(1);
        assertThat(subject.bytes()).isEqualTo("café".getBytes(StandardCharsets.UTF_8));
        assertThat(Wire.text(EnvelopeValue.of(Wire.parse(msg).envelope(), HeaderTextMode.ENCODED_WORDS)))
                .contains("\"=?UTF-8?B?Y2Fmw6k=?=\"");
    }

    /**
     * A display name with encoded words is decoded and re-encoded as one UTF-8 word (Dovecot passes
     * {@code "=?ISO-8859-1?Q?Andr=E9?= Pirard"} through; both decode to the same text); in UTF8 mode
     * it is the decoded text.
     */
    @Test
    void encodedDisplayNamesReencodedAsUtf8() {
        String msg = "From: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>\n\n";
        assertThat(env(msg, HeaderTextMode.ENCODED_WORDS))
                .contains("((\"=?UTF-8?Q?Andr=C3=A9_Pirard?=\" NIL \"PIRARD\" \"vm1.ulg.ac.be\"))");
        assertThat(env(msg, HeaderTextMode.UTF8)).contains("(({13}\r\nAndré Pirard NIL \"PIRARD\" \"vm1.ulg.ac.be\"))");
    }
}
