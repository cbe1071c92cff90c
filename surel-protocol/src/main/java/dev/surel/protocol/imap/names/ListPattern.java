package dev.surel.protocol.imap.names;

/**
 * A LIST / LSUB pattern (RFC 9051 §6.3.9, RFC 3501 §6.3.8): the reference name and the mailbox
 * argument concatenated, where {@code *} matches zero or more characters and {@code %} zero or
 * more characters other than the hierarchy delimiter. Names are compared as decoded text
 * (decode a modified UTF-7 pattern first; the wildcards are ASCII and survive decoding).
 *
 * <p>INBOX is case-insensitive (RFC 9051 §5.1): a leading {@code INBOX} component of the pattern
 * and of the name is compared ignoring case. Everything else is case-sensitive.
 */
public final class ListPattern {

    private final String pattern;
    private final char delimiter;

    private ListPattern(String pattern, char delimiter) {
        this.pattern = pattern;
        this.delimiter = delimiter;
    }

    /** The pattern for {@code LIST reference mailbox} (plain concatenation, RFC 9051 §6.3.9). */
    public static ListPattern of(String reference, String mailbox, char delimiter) {
        return new ListPattern(canonical(reference + mailbox, delimiter), delimiter);
    }

    public String pattern() {
        return pattern;
    }

    /** True when the whole {@code name} matches. */
    public boolean matches(String name) {
        return match(canonical(name, delimiter));
    }

    /**
     * True when the pattern ends with {@code %} and matches a hierarchy level of {@code name}
     * above it: RFC 3501 §6.3.8 "If the '%' wildcard is the last character of a mailbox name
     * argument, matching levels of hierarchy are also returned" (listed with \NoSelect or
     * \NonExistent when they are not mailboxes themselves).
     */
    public boolean matchesAncestorOf(String name) {
        if (!pattern.endsWith("%")) {
            return false;
        }
        String n = canonical(name, delimiter);
        for (int i = n.indexOf(delimiter); i >= 0; i = n.indexOf(delimiter, i + 1)) {
            if (match(n.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Dynamic programming over (pattern position, name position), two rows: O(pattern × name)
     * time whatever the wildcards (no exponential backtracking on hostile patterns).
     */
    private boolean match(String name) {
        int np = name.length();
        boolean[] next = new boolean[np + 1]; // pattern[i+1..] matches name[j..]
        boolean[] cur = new boolean[np + 1];
        next[np] = true;
        for (int i = pattern.length() - 1; i >= 0; i--) {
            char c = pattern.charAt(i);
            for (int j = np; j >= 0; j--) {
                boolean ok;
                if (c == '*') {
                    ok = next[j] || (j < np && cur[j + 1]);
                } else if (c == '%') {
                    ok = next[j] || (j < np && name.charAt(j) != delimiter && cur[j + 1]);
                } else {
                    ok = j < np && name.charAt(j) == c && next[j + 1];
                }
                cur[j] = ok;
            }
            boolean[] t = next;
            next = cur;
            cur = t;
        }
        return next[0];
    }

    /** A leading "inbox" component in any case becomes "INBOX". */
    static String canonical(String s, char delimiter) {
        if (s.regionMatches(true, 0, "INBOX", 0, 5) && (s.length() == 5 || s.charAt(5) == delimiter)) {
            return "INBOX" + s.substring(5);
        }
        return s;
    }
}
