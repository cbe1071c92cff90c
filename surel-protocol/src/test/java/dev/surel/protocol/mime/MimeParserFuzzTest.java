package dev.surel.protocol.mime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.imap.fetch.BodyStructureValue;
import dev.surel.protocol.imap.fetch.EnvelopeValue;
import dev.surel.protocol.imap.fetch.HeaderTextMode;
import dev.surel.protocol.imap.fetch.SectionSlice;
import dev.surel.protocol.imap.fetch.SectionSlicer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the MIME parser and what IMAP builds from its result (docs/fuzzing.md).
 * Without {@code JAZZER_FUZZ} it replays {@code MimeParserFuzzTestInputs/parse}; {@code ./fuzz
 * mime} fuzzes it. The input is a stored message; its first octet picks the limits (odd: small
 * ones, so depth, part and line limits are reached; even: the defaults).
 *
 * <p>Asserts, for any bytes: {@link MimeParser#parse} does not throw; the structure has the
 * documented invariants (those {@link Samples#assertInvariants} checks: size equals the input,
 * every offset within {@code [0, size]}, children in order inside their parent's body, each
 * section resolves to its part, no negative line count); the {@link StructureCodec} form
 * decodes to a structure that encodes to the same bytes, and its header alone to the same fields;
 * the search texts survive their codec; the stored FETCH items equal the rendered values; BODYSTRUCTURE (BODY is a subset) and
 * ENVELOPE written by {@link ResponseBuilder} are well-formed IMAP values (RFC 9051 §4: no bare
 * CR or LF outside a literal, balanced lists, exact literal sizes); each of the first 32
 * sections slices ({@link SectionSlicer}) within the message; search text extraction does not
 * throw and keeps to {@code maxTextChars}.
 */
class MimeParserFuzzTest {

    private static final MimeSettings SMALL = new MimeSettings(1024, 1024, 6, 40, 300);

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] message) throws IOException {
        MimeSettings settings = message.length > 0 && (message[0] & 1) == 1 ? SMALL : MimeSettings.defaults();
        MessageStructure s = new MimeParser(settings).parse(new ByteArrayInputStream(message));
        check(s.size() == message.length && s.root().headerStart() == 0 && s.root().bodyEnd() == message.length,
                "message range is not [0, size)");
        invariants(s.root(), 0, message.length);

        byte[] encoded = StructureCodec.encode(s);
        check(Arrays.equals(StructureCodec.encode(StructureCodec.decode(encoded)), encoded), "StructureCodec round trip differs");
        check(StructureCodec.decodeHeader(encoded).equals(s.header()), "StructureCodec header alone differs");
        dev.surel.protocol.imap.search.HeaderSearchTexts texts = dev.surel.protocol.imap.search.HeaderSearchTexts.of(s.header());
        check(Arrays.equals(dev.surel.protocol.imap.search.HeaderSearchTexts.decode(texts.encode()).encode(), texts.encode()),
                "search texts round trip differs");
        dev.surel.protocol.imap.fetch.PreparedFetch prepared = dev.surel.protocol.imap.fetch.PreparedFetch.of(s);
        check(Arrays.equals(prepared.envelope(true), new ResponseBuilder().value(EnvelopeValue.of(s.envelope(), HeaderTextMode.UTF8)).toByteArray())
                && Arrays.equals(prepared.structure(true), new ResponseBuilder().value(
                        BodyStructureValue.of(s.root(), true, HeaderTextMode.ENCODED_WORDS)).toByteArray()),
                "stored FETCH items differ from the rendered values");

        for (HeaderTextMode mode : HeaderTextMode.values()) {
            wellFormed(BodyStructureValue.of(s.root(), true, mode)); // BODY is a subset of it
            wellFormed(EnvelopeValue.of(s.envelope(), mode));
        }

        SectionSlicer.HeaderReader reader = r -> Arrays.copyOfRange(message, (int) r.start(), (int) r.end());
        List<String> names = List.of("Subject", "from", "CONTENT-TYPE");
        for (MessageStructure.Section sec : s.sections().subList(0, Math.min(32, s.sections().size()))) { // bounds the work per input
            List<Integer> path = Arrays.stream(Samples.path(sec.number())).boxed().toList();
            check(s.range(SectionText.CONTENT, Samples.path(sec.number())).equals(java.util.Optional.of(sec.part().body())),
                    "section " + sec.number() + " does not resolve to its part");
            for (BodySection.Kind kind : BodySection.Kind.values()) {
                boolean fields = kind == BodySection.Kind.HEADER_FIELDS || kind == BodySection.Kind.HEADER_FIELDS_NOT;
                BodySection section = new BodySection(path, kind, fields ? names : List.of(), new BodySection.Partial(1, 7));
                SectionSlice slice = SectionSlicer.slice(s, section, reader);
                if (slice instanceof SectionSlice.Stored(ByteRange r)) {
                    check(r.end() <= message.length, "section " + sec.number() + " " + kind + " ends past the message");
                }
                check(slice.length() <= 7, "partial <1.7> longer than 7");
            }
        }

        for (PartText.Extracted e : PartText.extractAll(new ByteArrayInputStream(message), s, settings)) {
            check(e.text().length() <= settings.maxTextChars(), "text of " + e.section() + " over maxTextChars");
        }
    }

    /** MimePart's invariants: offsets ordered within [lo, hi], children in order inside the body, lines >= 0. */
    private static void invariants(MimePart p, long lo, long hi) {
        check(lo <= p.headerStart() && p.headerStart() <= p.bodyStart() && p.bodyStart() <= p.bodyEnd() && p.bodyEnd() <= hi,
                "part offsets out of order or range: " + p.headerStart() + " " + p.bodyStart() + " " + p.bodyEnd());
        switch (p) {
            case MimePart.Multipart m -> {
                check(!m.children().isEmpty(), "multipart without children");
                long at = m.bodyStart();
                for (MimePart c : m.children()) {
                    invariants(c, at, m.bodyEnd());
                    at = c.bodyEnd();
                }
            }
            case MimePart.Message m -> {
                check(m.message().headerStart() == m.bodyStart() && m.message().bodyEnd() == m.bodyEnd() && m.envelope() != null,
                        "encapsulated message does not fill the part's body");
                check(m.lines() >= 0, "negative line count");
                invariants(m.message(), m.bodyStart(), m.bodyEnd());
            }
            case MimePart.Single x -> check(x.lines() >= 0, "negative line count");
        }
    }

    /** The value as the server writes it is one well-formed IMAP value. */
    private static void wellFormed(ImapValue v) {
        byte[] b = new ResponseBuilder().value(v).toByteArray();
        int end = value(b, 0);
        check(end == b.length, "trailing octets after a value");
    }

    /** Reads one value (RFC 9051 §9: nil / number / atom / quoted / literal / list) at {@code i}; returns its end. */
    private static int value(byte[] b, int i) {
        check(i < b.length, "value missing");
        switch (b[i]) {
            case '(' -> {
                i++;
                if (i < b.length && b[i] == ')') return i + 1;
                while (true) {
                    i = value(b, i);
                    check(i < b.length, "unterminated list");
                    if (b[i] == ')') return i + 1;
                    check(b[i] == ' ', "list items not separated by a space");
                    i++;
                }
            }
            case '"' -> {
                i++;
                while (true) {
                    check(i < b.length, "unterminated quoted string");
                    byte c = b[i];
                    check(c != '\r' && c != '\n' && c != 0 && c > 0, "CR, LF, NUL or 8-bit octet in a quoted string");
                    if (c == '"') return i + 1;
                    if (c == '\\') {
                        check(i + 1 < b.length && (b[i + 1] == '"' || b[i + 1] == '\\'), "bad escape in a quoted string");
                        i++;
                    }
                    i++;
                }
            }
            case '{' -> {
                int close = i + 1;
                while (close < b.length && b[close] >= '0' && b[close] <= '9') close++;
                check(close > i + 1 && close + 2 < b.length && b[close] == '}' && b[close + 1] == '\r' && b[close + 2] == '\n',
                        "bad literal header");
                long n = Long.parseLong(new String(b, i + 1, close - i - 1, java.nio.charset.StandardCharsets.US_ASCII));
                check(close + 3 + n <= b.length, "literal longer than the response");
                return (int) (close + 3 + n);
            }
            default -> {
                int start = i;
                while (i < b.length && b[i] != ' ' && b[i] != ')' && b[i] != '(') {
                    check(b[i] > 0x20 && b[i] < 0x7f && b[i] != '"' && b[i] != '{', "bad octet in an atom");
                    i++;
                }
                check(i > start, "empty atom");
                return i;
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
