package dev.surel.protocol.filter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzz target for the spam filter's parsers of peer bytes (docs/fuzzing.md). Without
 * {@code JAZZER_FUZZ} it replays {@code FilterFuzzTestInputs/scan}; {@code ./fuzz filter} fuzzes it.
 * The first octet picks the chunk size the message is fed in; the rest is the message (a port 25
 * peer's content) and, read as text, a scanner's answer.
 *
 * <p>Asserts: {@link SpamFieldFilter} gives exactly what a whole-message reference gives (every
 * header field starting {@code X-Spam-} removed, nothing else changed) whatever the chunking, and
 * counts the removals; {@link ContentScanner} sees the same features in chunks as in one write and
 * keeps its values within {@link ContentScanner#MAX_VALUE}; {@link RspamdReply#parse} throws only
 * IllegalArgumentException; {@link ClamdProtocol#parse} never throws and names a signature in
 * printable ASCII only.
 */
class FilterFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void scan(byte[] input) {
        if (input.length == 0) return;
        int chunk = 1 + (input[0] & 0x3f);
        byte[] message = Arrays.copyOfRange(input, 1, input.length);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpamFieldFilter f = new SpamFieldFilter(out::write);
        ContentScanner chunked = new ContentScanner(1024);
        for (int i = 0; i < message.length; i += chunk) {
            f.write(message, i, Math.min(chunk, message.length - i));
            chunked.write(message, i, Math.min(chunk, message.length - i));
        }
        f.finish();
        Reference ref = reference(message);
        check(Arrays.equals(out.toByteArray(), ref.kept()), "X-Spam-* removal differs from the reference");
        check(f.removed() == ref.removed(), "removal count " + f.removed() + " != " + ref.removed());

        ContentScanner whole = new ContentScanner(1024);
        whole.write(message, 0, message.length);
        ContentFeatures a = chunked.features();
        ContentFeatures b = whole.features();
        check(a.equals(b), "features depend on the chunking: " + a + " vs " + b);
        check(a.from() == null || a.from().length() <= ContentScanner.MAX_VALUE, "From value over the limit");
        HeaderRules.of(a); // never throws

        String text = new String(message, StandardCharsets.ISO_8859_1);
        try {
            RspamdReply.parse(text);
        } catch (IllegalArgumentException expected) {
            // malformed answers are refused
        }
        if (ClamdProtocol.parse(text) instanceof ClamdProtocol.Reply.Found found) {
            check(found.signature().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "unprintable signature name");
        }
    }

    record Reference(byte[] kept, int removed) { }

    /** The whole header split into fields (a line starting with SP or HT continues one), the ones named X-Spam-* dropped. */
    static Reference reference(byte[] m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int removed = 0;
        int i = 0;
        int fieldStart = -1;
        while (i < m.length) {
            int lineEnd = i;
            while (lineEnd < m.length && m[lineEnd] != '\n') lineEnd++;
            if (lineEnd < m.length) lineEnd++;
            byte c = m[i];
            boolean continuation = (c == ' ' || c == '\t') && fieldStart >= 0;
            if (!continuation) {
                if (fieldStart >= 0) removed += emit(m, fieldStart, i, out);
                fieldStart = -1;
                if (c == '\r' || c == '\n') break; // the body: all of it passes
                fieldStart = i;
            }
            i = lineEnd;
        }
        if (fieldStart >= 0) {
            removed += emit(m, fieldStart, i, out);
        }
        out.write(m, i, m.length - i);
        return new Reference(out.toByteArray(), removed);
    }

    private static int emit(byte[] m, int from, int to, ByteArrayOutputStream out) {
        String start = new String(m, from, Math.min(7, to - from), StandardCharsets.ISO_8859_1);
        if (start.equalsIgnoreCase("x-spam-")) return 1;
        out.write(m, from, to - from);
        return 0;
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
