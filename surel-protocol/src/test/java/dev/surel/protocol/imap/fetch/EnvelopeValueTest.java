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

    /**
     * {@code user@domain (Real Name)}: the comment is the name (RFC 5322 §3.4 keeps the old form);
     * the last comment from the local part on; not one before it, nor any when there is a display
     * name or angle brackets. Each case as Dovecot 2.3.19 answered it (imaptest fetch-envelope too).
     */
    @Test
    void aCommentNamesABareAddressAsDovecotDoes() {
        String[][] cases = {
                {"user@domain (Real Name)", "((\"Real Name\" NIL \"user\" \"domain\"))"},
                {"user@domain.org (first) (second)", "((\"second\" NIL \"user\" \"domain.org\"))"},
                {"user(inner)@domain.org", "((\"inner\" NIL \"user\" \"domain.org\"))"},
                {"(lead comment) user@domain.org", "((NIL NIL \"user\" \"domain.org\"))"},
                {"\"Quoted\" <user@domain.org> (trailing)", "((\"Quoted\" NIL \"user\" \"domain.org\"))"},
                {"<user-from (comment)@ (comment) domain.org>", "((NIL NIL \"user-from\" \"domain.org\"))"},
                {"a@b.org (A Name), c@d.org (C Name)", "((\"A Name\" NIL \"a\" \"b.org\") (\"C Name\" NIL \"c\" \"d.org\"))"},
                {"g: x@y.org (X (nested) \\) Y);, z@w.org", "((NIL NIL \"g\" NIL) (\"X (nested) ) Y\" NIL \"x\" \"y.org\") (NIL NIL NIL NIL) (NIL NIL \"z\" \"w.org\"))"},
                // an encoded word in the comment: the decoded name "René", re-encoded as names always are
                {"x@y.org (=?UTF-8?Q?Ren=C3=A9?=)", "((\"=?UTF-8?B?UmVuw6k=?=\" NIL \"x\" \"y.org\"))"},
        };
        for (String[] c : cases) {
            assertThat(env("From: " + c[0] + "\nSubject: x\n\n", HeaderTextMode.ENCODED_WORDS)).as(c[0])
                    .startsWith("(NIL \"x\" " + c[1] + " ");
        }
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
