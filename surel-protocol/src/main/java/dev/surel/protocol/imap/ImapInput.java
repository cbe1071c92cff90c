package dev.surel.protocol.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete command as read from the wire: its lines (without CRLF) and the literals between
 * them. Line {@code i} ends with the announcement {@code {n}} / {@code {n+}} of literal
 * {@code i}, so {@code lines.size() == literals.size() + 1} (RFC 9051 §4.3, RFC 7888).
 *
 * <p>A message literal of APPEND arrives as {@link Literal.Spooled}: the session streamed it to
 * the store while reading, and the parser only learns its size.
 */
public record ImapInput(List<byte[]> lines, List<Literal> literals) {

    public ImapInput {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) throw new IllegalArgumentException("one line more than literals");
    }

    /** A single line without literals (tests, simple commands). */
    public static ImapInput of(String line) {
        return new ImapInput(List.of(line.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    /** Lines and in-memory literals alternating: line, literal, line, ... (tests). */
    public static ImapInput of(String first, String... literalThenLine) {
        List<byte[]> lines = new ArrayList<>();
        List<Literal> lits = new ArrayList<>();
        lines.add(first.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < literalThenLine.length; i += 2) {
            lits.add(new Literal.Bytes(literalThenLine[i].getBytes(StandardCharsets.UTF_8)));
            lines.add(literalThenLine[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ImapInput(lines, lits);
    }

    /** One literal's content. */
    public sealed interface Literal {
        long size();

        record Bytes(byte[] data) implements Literal {
            @Override public long size() { return data.length; }
        }

        /** Streamed elsewhere (an APPEND message); only its size is known here. */
        record Spooled(long size) implements Literal { }
    }

    /**
     * The literal a line announces at its end: {@code {n}} (synchronizing: the server answers
     * {@code +} first) or {@code {n+}} (RFC 7888 LITERAL+), either preceded by {@code ~} for an
     * RFC 3516 literal8 (octets that may include NUL, taken exactly). Null when the line ends
     * otherwise.
     */
    public record Announcement(long size, boolean nonSynchronizing, boolean literal8) {

        public Announcement(long size, boolean nonSynchronizing) {
            this(size, nonSynchronizing, false);
        }

        public static Announcement at(byte[] line) {
            int n = line.length;
            if (n < 3 || line[n - 1] != '}') return null;
            int end = n - 1;
            boolean plus = line[end - 1] == '+';
            if (plus) end--;
            int i = end - 1;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') i--;
            if (i < 0 || line[i] != '{' || i == end - 1 || end - 1 - i > 18) return null;
            long size = Long.parseLong(new String(line, i + 1, end - 1 - i, StandardCharsets.US_ASCII));
            return new Announcement(size, plus, i > 0 && line[i - 1] == '~');
        }
    }
}
