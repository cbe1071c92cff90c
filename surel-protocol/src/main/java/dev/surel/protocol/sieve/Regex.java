package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regex match type (draft-ietf-sieve-regex-01): POSIX extended regular expressions
 * (translated by {@link Ere}; case-insensitive is ASCII only, as i;ascii-casemap), run with {@link java.util.regex} under a budget. java.util.regex
 * backtracks and can take exponential time, so the value is read through a {@link CharSequence}
 * that counts every character the matcher looks at and stops the match when the run's step
 * budget is spent.
 */
final class Regex {

    private Regex() {}

    /** The budget ran out. */
    static final class TooLong extends RuntimeException {
        TooLong() {
            super(null, null, false, false);
        }
    }

    /** Why {@code re} is not accepted, or null when it is. */
    static String check(String re) {
        if (re.length() > 1024) return "longer than 1024 characters";
        try {
            Ere.translate(re);
            return null;
        } catch (Ere.Invalid e) {
            return e.getMessage();
        }
    }

    /** Compiles a checked ERE ({@link Ere}); '.' matches any character, as in POSIX. */
    static Pattern compile(String re, boolean caseInsensitive) {
        String java;
        try {
            java = Ere.translate(re);
        } catch (Ere.Invalid e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return Pattern.compile(java, Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
    }

    /** Quotes the regex metacharacters of {@code s} (draft §5, :quoteregex). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\^$.[]|()*+?{}".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The groups of the first match of {@code p} in {@code value} ({@code [0]} the whole match,
     * unmatched groups empty), or null. Every character read counts one step in {@code steps[0]};
     * past {@code max} it throws {@link TooLong}.
     */
    static List<String> find(Pattern p, String value, long[] steps, long max) {
        Matcher m = p.matcher(new Counted(value, steps, max));
        if (!m.find()) return null;
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= m.groupCount(); i++) {
            int s = m.start(i);
            out.add(s < 0 ? "" : value.substring(s, m.end(i)));
        }
        return out;
    }

    private record Counted(String s, long[] steps, long max) implements CharSequence {
        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (++steps[0] > max) throw new TooLong();
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(s.substring(start, end), steps, max);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
