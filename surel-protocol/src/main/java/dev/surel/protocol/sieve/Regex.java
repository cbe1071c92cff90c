package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regex match type (draft-ietf-sieve-regex-01): POSIX extended regular expressions, run with
 * {@link java.util.regex} under a budget. java.util.regex backtracks and can take exponential
 * time, so the value is read through a {@link CharSequence} that counts every character the
 * matcher looks at and stops the match when the run's step budget is spent; constructs that are
 * not POSIX ERE (back-references, look-around, possessive and lazy quantifiers, embedded flags)
 * are refused, which also removes the worst blow-ups.
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
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(++i);
                if (Character.isDigit(n)) return "back-references are not POSIX ERE";
                if (Character.isLetter(n)) return "\\" + n + " is not POSIX ERE";
                continue;
            }
            if (c == '(' && i + 1 < re.length() && re.charAt(i + 1) == '?') return "(? is not POSIX ERE";
            if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < re.length()
                    && (re.charAt(i + 1) == '+' || re.charAt(i + 1) == '?') && c != '?') {
                return "lazy and possessive quantifiers are not POSIX ERE";
            }
        }
        try {
            compile(re, false);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }

    private static final java.util.Map<String, String> CLASSES = java.util.Map.ofEntries(
            java.util.Map.entry("alpha", "\\p{Alpha}"), java.util.Map.entry("digit", "\\p{Digit}"),
            java.util.Map.entry("alnum", "\\p{Alnum}"), java.util.Map.entry("upper", "\\p{Upper}"),
            java.util.Map.entry("lower", "\\p{Lower}"), java.util.Map.entry("space", "\\p{Space}"),
            java.util.Map.entry("punct", "\\p{Punct}"), java.util.Map.entry("print", "\\p{Print}"),
            java.util.Map.entry("graph", "\\p{Graph}"), java.util.Map.entry("cntrl", "\\p{Cntrl}"),
            java.util.Map.entry("xdigit", "\\p{XDigit}"), java.util.Map.entry("blank", "\\p{Blank}"));
    private static final Pattern POSIX_CLASS = Pattern.compile("\\[:([a-z]+):\\]");

    /** Compiles a checked ERE; POSIX character classes ({@code [:digit:]}) become Java's. */
    static Pattern compile(String re, boolean caseInsensitive) {
        Matcher m = POSIX_CLASS.matcher(re);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String cls = CLASSES.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(cls == null ? m.group() : cls));
        }
        m.appendTail(sb);
        return Pattern.compile(sb.toString(), caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
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
