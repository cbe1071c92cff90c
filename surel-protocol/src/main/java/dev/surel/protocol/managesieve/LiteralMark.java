package dev.surel.protocol.managesieve;

/**
 * What ends a line (RFC 5804 §4): nothing, or the announcement of a literal that follows it,
 * {@code {N+}} (literal-c2s, non-synchronizing) or {@code {N}} (accepted as well, with no
 * continuation request: ManageSieve has none).
 */
public sealed interface LiteralMark {

    record None() implements LiteralMark { }

    /** A literal of {@code size} octets follows the line; a size beyond {@link ManageSieveParser#MAX_NUMBER} is kept as Long.MAX_VALUE. */
    record Literal(long size) implements LiteralMark { }

    /**
     * Where a line announcing a literal ends: {@code {N+}} or {@code {N}} at its end, the brace
     * at the line's start or after a space (anything else is text: a quoted string never ends in
     * a brace, as its closing quote comes last).
     */
    static LiteralMark of(byte[] line) {
        int n = line.length;
        if (n < 3 || line[n - 1] != '}') return new None();
        int end = n - 1;
        if (line[end - 1] == '+') end--;
        int open = end - 1;
        while (open >= 0 && line[open] >= '0' && line[open] <= '9') open--;
        if (open < 0 || line[open] != '{' || open == end - 1) return new None();
        if (open > 0 && line[open - 1] != ' ') return new None();
        long size = 0;
        for (int i = open + 1; i < end; i++) {
            size = size * 10 + (line[i] - '0');
            if (size > ManageSieveParser.MAX_NUMBER) return new Literal(Long.MAX_VALUE);
        }
        return new Literal(size);
    }
}
