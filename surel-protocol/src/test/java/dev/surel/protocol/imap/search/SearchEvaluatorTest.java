package dev.surel.protocol.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.SearchCharset;
import dev.surel.protocol.imap.SearchKey.DateField;
import dev.surel.protocol.imap.SearchKey.DateOp;
import dev.surel.protocol.imap.SearchKey.HeaderKind;
import dev.surel.protocol.imap.SearchKey.SystemFlag;
import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.SequenceSet;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SEARCH keys (RFC 9051 §6.4.4) against messages built from bytes. */
class SearchEvaluatorTest {

    /** A message for tests; counts how often the body is asked for. */
    static class Msg implements SearchableMessage {
        final byte[] bytes;
        final MessageStructure structure;
        long seq = 1;
        long uid = 10;
        Set<SystemFlag> flags = EnumSet.noneOf(SystemFlag.class);
        List<String> keywords = new ArrayList<>();
        OffsetDateTime internal = OffsetDateTime.parse("2026-11-23T12:00:00+00:00");
        int bodyReads;
        int headerReads;

        Msg(String text) {
            this(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        Msg(byte[] bytes) {
            this.bytes = bytes;
            try {
                structure = new MimeParser(MimeSettings.defaults()).parse(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public long seq() { return seq; }
        @Override public long uid() { return uid; }
        @Override public long modseq() { return uid; }
        @Override public boolean flag(SystemFlag f) { return flags.contains(f); }
        @Override public Collection<String> keywords() { return keywords; }
        @Override public long size() { return bytes.length; }
        @Override public OffsetDateTime internalDate() { return internal; }

        @Override
        public HeaderFields header() {
            headerReads++;
            return structure.header();
        }

        @Override
        public List<String> bodyTexts() throws IOException {
            bodyReads++;
            return MessageTexts.bodyTexts(new ByteArrayInputStream(bytes), structure, MimeSettings.defaults());
        }
    }

    private static boolean m(SearchKey k, Msg msg) throws IOException {
        return new SearchEvaluator(5, 20).matches(k, msg);
    }

    static final String PLAIN = """
            Date: Mon, 23 Nov 2026 23:30:00 -1200
            From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.org>
            To: Alice <alice@example.com>, bob@example.net
            Cc: carol@example.com
            Subject: =?ISO-8859-1?Q?Stra=DFe_und_Caf=E9?=
            X-Custom: Hello World
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe aus K=C3=B6ln, soft=
             break here.
            """;

    @Test
    void addressAndSubjectKeysDecodeEncodedWordsAndFoldCase() throws IOException {
        Msg msg = new Msg(PLAIN);
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.FROM, "jörg müller"), msg)).isTrue();
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.FROM, "JOERG@EXAMPLE"), msg)).isTrue();
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.TO, "bob@"), msg)).isTrue();
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.CC, "carol"), msg)).isTrue();
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.BCC, "carol"), msg)).isFalse();
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.SUBJECT, "STRASSE UND café"), msg)).isTrue();
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.SUBJECT, "Tee"), msg)).isFalse();
        assertThat(msg.bodyReads).isZero();
    }

    /**
     * imaptest's search-addresses script (Dovecot answers it all): addresses match as
     * {@code Name <mailbox@host>}; comments inside an address are no part of it, a comment that
     * names a bare address is its name.
     */
    @Test
    void addressKeysMatchNameAndAddressNotComments() throws IOException {
        List<Msg> msgs = List.of(
                new Msg("From: user-from@domain.org\nTo: user-to@domain.org\nCc: user-cc@domain.org\nBcc: user-bcc@domain.org\n\nbody\n"),
                new Msg("From: RealFrom <user-from@domain.org>\nTo: RealTo <user-to@domain.org>\nCc: RealCc <user-cc@domain.org>\n"
                        + "Bcc: RealBcc <user-bcc@domain.org>\n\nbody2\n"),
                new Msg("From: <user-from (comment)@ (comment) domain.org>\nTo: <user-to@domain.org>\nCc: <user-cc@domain.org>\n"
                        + "Bcc: <user-bcc@domain.org>\n\nbody3\n"),
                new Msg("From: user-from@domain.org (RealFrom)\nTo: user-to@domain.org (RealTo)\nCc: user-cc@domain.org (RealCc)\n"
                        + "Bcc: user-bcc@domain.org (RealBcc)\n\nbody4\n"),
                new Msg("From: user-from1@domain.org, user-from2@domain.org\nCc: user-cc@domain.org\n\nbody5\n"),
                new Msg("To: groupname: groupuser1@domain.org, groupuser2@domain.org;,\n  groupname2: groupuser3@domain.org;\n\nbody5\n"));
        record Case(HeaderKind field, String text, List<Integer> hits) { }
        List<Case> cases = List.of(
                new Case(HeaderKind.FROM, "user-from@domain.org", List.of(1, 2, 3, 4)),
                new Case(HeaderKind.BCC, "user-bcc@domain.org", List.of(1, 2, 3, 4)),
                new Case(HeaderKind.FROM, "realfrom", List.of(2, 4)),
                new Case(HeaderKind.CC, "ealc", List.of(2, 4)),
                new Case(HeaderKind.FROM, "ser-fro", List.of(1, 2, 3, 4, 5)),
                new Case(HeaderKind.FROM, "comment", List.of()),
                new Case(HeaderKind.FROM, "realfrom <user", List.of(2, 4)),
                new Case(HeaderKind.FROM, "user-from2", List.of(5)),
                new Case(HeaderKind.TO, "groupname2", List.of(6)),
                new Case(HeaderKind.TO, "groupuser3", List.of(6)),
                new Case(HeaderKind.TO, "groupuser4", List.of()),
                new Case(HeaderKind.TO, "", List.of(1, 2, 3, 4, 6)));
        for (Case c : cases) {
            List<Integer> hits = new ArrayList<>();
            for (int i = 0; i < msgs.size(); i++) if (m(new SearchKey.AddressOrSubject(c.field(), c.text()), msgs.get(i))) hits.add(i + 1);
            assertThat(hits).as(c.field() + " " + c.text()).isEqualTo(c.hits());
        }
    }

    @Test
    void headerKey() throws IOException {
        Msg msg = new Msg(PLAIN);
        assertThat(m(new SearchKey.Header("x-custom", "world"), msg)).isTrue();
        assertThat(m(new SearchKey.Header("X-Custom", ""), msg)).isTrue();
        assertThat(m(new SearchKey.Header("X-Other", ""), msg)).isFalse();
        assertThat(m(new SearchKey.Header("X-Custom", "mars"), msg)).isFalse();
    }

    /** Quoted-printable UTF-8 body, soft line break joined; the body is read once for several keys. */
    @Test
    void quotedPrintableUtf8Body() throws IOException {
        Msg msg = new Msg(PLAIN);
        SearchKey both = new SearchKey.And(List.of(new SearchKey.Body("GRÜSSE aus köln"), new SearchKey.Body("softbreak")));
        assertThat(m(both, msg)).isFalse(); // "soft=\r\n break" joins as "soft break"
        assertThat(m(new SearchKey.Body("soft break here"), msg)).isTrue();
        assertThat(m(new SearchKey.Body("grüße"), msg)).isTrue();
        assertThat(m(new SearchKey.Body("Hello World"), msg)).isFalse(); // a header, not the body
        assertThat(m(new SearchKey.Text("Hello World"), msg)).isTrue(); // TEXT = header or body
        assertThat(m(new SearchKey.Text("köln"), msg)).isTrue();
        Msg once = new Msg(PLAIN);
        new SearchEvaluator(1, 10).matches(new SearchKey.And(List.of(
                new SearchKey.Body("a"), new SearchKey.Body("b"), new SearchKey.Text("c"))), once);
        assertThat(once.bodyReads).isEqualTo(1);
    }

    /** Base64 ISO-8859-1 text and a second text part in a multipart: all text parts searched. */
    @Test
    void base64Latin1AndAllTextParts() throws IOException {
        String latin1 = java.util.Base64.getEncoder().encodeToString("Ein Gruß über Zürich".getBytes(StandardCharsets.ISO_8859_1));
        Msg msg = new Msg("""
                Subject: multi
                Content-Type: multipart/alternative; boundary=b

                --b
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: base64

                %s
                --b
                Content-Type: text/html; charset=utf-8

                <p>Second <b>part</b> &amp; more</p>
                --b
                Content-Type: application/octet-stream

                binaryneedle
                --b--
                """.formatted(latin1));
        assertThat(m(new SearchKey.Body("über zürich"), msg)).isTrue();
        assertThat(m(new SearchKey.Body("GRUSS"), msg)).isTrue();
        assertThat(m(new SearchKey.Body("second part & more"), msg)).isTrue();
        assertThat(m(new SearchKey.Body("binaryneedle"), msg)).isFalse(); // not a text part
    }

    /** Internal dates compare in their own offset: 23:30 at -12:00 is still the 23rd, 00:30 at +14:00 the 24th. */
    @Test
    void internalDateInItsOwnOffset() throws IOException {
        Msg west = new Msg(PLAIN);
        west.internal = OffsetDateTime.parse("2026-11-23T23:30:00-12:00"); // 2026-11-24T11:30Z
        Msg east = new Msg(PLAIN);
        east.internal = OffsetDateTime.parse("2026-11-24T00:30:00+14:00"); // 2026-11-23T10:30Z
        LocalDate d23 = LocalDate.of(2026, 11, 23);
        LocalDate d24 = LocalDate.of(2026, 11, 24);
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.ON, d23), west)).isTrue();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.ON, d24), west)).isFalse();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.BEFORE, d24), west)).isTrue();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.SINCE, d24), west)).isFalse();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.ON, d24), east)).isTrue();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.SINCE, d24), east)).isTrue();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.BEFORE, d24), east)).isFalse();
        assertThat(m(new SearchKey.Date(DateField.INTERNAL, DateOp.SINCE, d23), east)).isTrue();
    }

    /** SENT* use the Date: header's own zone: "Mon, 23 Nov 2026 23:30:00 -1200" is the 23rd. */
    @Test
    void sentDateInItsOwnZone() throws IOException {
        Msg msg = new Msg(PLAIN);
        LocalDate d23 = LocalDate.of(2026, 11, 23);
        assertThat(m(new SearchKey.Date(DateField.SENT, DateOp.ON, d23), msg)).isTrue();
        assertThat(m(new SearchKey.Date(DateField.SENT, DateOp.BEFORE, d23), msg)).isFalse();
        assertThat(m(new SearchKey.Date(DateField.SENT, DateOp.SINCE, d23), msg)).isTrue();
        assertThat(m(new SearchKey.Date(DateField.SENT, DateOp.BEFORE, d23.plusDays(1)), msg)).isTrue();
        Msg plus14 = new Msg("Date: Tue, 24 Nov 2026 00:30 +1400\n\nx\n");
        assertThat(m(new SearchKey.Date(DateField.SENT, DateOp.ON, d23.plusDays(1)), plus14)).isTrue();
        Msg noDate = new Msg("Subject: x\n\nx\n");
        assertThat(m(new SearchKey.Date(DateField.SENT, DateOp.SINCE, LocalDate.of(1970, 1, 1)), noDate)).isFalse();
    }

    @Test
    void flagsKeywordsNewOld() throws IOException {
        Msg msg = new Msg(PLAIN);
        msg.flags = EnumSet.of(SystemFlag.SEEN, SystemFlag.FLAGGED);
        msg.keywords = List.of("$Forwarded", "Straße");
        assertThat(m(new SearchKey.Flag(SystemFlag.SEEN, true), msg)).isTrue();
        assertThat(m(new SearchKey.Flag(SystemFlag.ANSWERED, false), msg)).isTrue();
        assertThat(m(new SearchKey.Flag(SystemFlag.FLAGGED, false), msg)).isFalse();
        assertThat(m(new SearchKey.Keyword("$forwarded", true), msg)).isTrue();
        assertThat(m(new SearchKey.Keyword("STRASSE", true), msg)).isTrue(); // Locale.ROOT folding
        assertThat(m(new SearchKey.Keyword("$Junk", false), msg)).isTrue();
        assertThat(m(new SearchKey.Old(), msg)).isTrue();
        assertThat(m(new SearchKey.New(), msg)).isFalse();
        msg.flags = EnumSet.of(SystemFlag.RECENT);
        assertThat(m(new SearchKey.New(), msg)).isTrue();
        assertThat(m(new SearchKey.Flag(SystemFlag.RECENT, true), msg)).isTrue();
        assertThat(m(new SearchKey.Old(), msg)).isFalse();
    }

    @Test
    void sequenceUidSizeAndBooleans() throws IOException {
        Msg msg = new Msg(PLAIN);
        msg.seq = 5;
        msg.uid = 20;
        SequenceSet star = SequenceSet.of(SequenceSet.Range.single(SequenceSet.STAR));
        assertThat(m(new SearchKey.Sequence(star), msg)).isTrue();
        assertThat(m(new SearchKey.Uid(star), msg)).isTrue();
        assertThat(m(new SearchKey.Uid(SequenceSet.of(new SequenceSet.Range(1, 19))), msg)).isFalse();
        assertThat(m(new SearchKey.Sequence(SequenceSet.of(new SequenceSet.Range(2, 4))), msg)).isFalse();
        long size = msg.size();
        assertThat(m(new SearchKey.Size(true, size - 1), msg)).isTrue();
        assertThat(m(new SearchKey.Size(true, size), msg)).isFalse();
        assertThat(m(new SearchKey.Size(false, size + 1), msg)).isTrue();
        assertThat(m(new SearchKey.Size(false, size), msg)).isFalse();
        SearchKey t = new SearchKey.All();
        SearchKey f = new SearchKey.Not(t);
        assertThat(m(new SearchKey.Or(f, t), msg)).isTrue();
        assertThat(m(new SearchKey.Or(f, f), msg)).isFalse();
        assertThat(m(new SearchKey.And(List.of(t, f)), msg)).isFalse();
        assertThat(m(new SearchKey.And(List.of()), msg)).isTrue();
    }

    @Test
    void charsets() {
        assertThat(SearchCharset.of(null)).isEqualTo(new SearchCharset.Ok(StandardCharsets.UTF_8));
        assertThat(SearchCharset.of("utf-8")).isEqualTo(new SearchCharset.Ok(StandardCharsets.UTF_8));
        assertThat(SearchCharset.of("US-ASCII")).isEqualTo(new SearchCharset.Ok(StandardCharsets.US_ASCII));
        SearchCharset bad = SearchCharset.of("ISO-8859-1");
        assertThat(bad).isInstanceOf(SearchCharset.Bad.class);
        assertThat(((SearchCharset.Bad) bad).responseCode()).isEqualTo("BADCHARSET (UTF-8 US-ASCII)");
    }

    /** Header bytes that are raw 8-bit (not encoded words) are searchable too. */
    @Test
    void raw8BitHeader() throws IOException {
        Msg msg = new Msg("Subject: Grüße\n\nx\n");
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.SUBJECT, "GRÜSSE"), msg)).isTrue();
        Msg latin = new Msg("Subject: caf\u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m(new SearchKey.AddressOrSubject(HeaderKind.SUBJECT, "CAFÉ"), latin)).isTrue();
    }
}
