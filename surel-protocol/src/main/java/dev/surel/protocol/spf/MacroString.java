package dev.surel.protocol.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed macro-string (RFC 7208 §7.1): literal text and macros, expanded later by
 * {@link MacroExpander}.
 *
 * <pre>
 * macro-string = *( macro-expand / macro-literal )
 * macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 * macro-letter = "s" / "l" / "o" / "d" / "i" / "p" / "h" / "c" / "r" / "t" / "v"
 * transformers = *DIGIT [ "r" ]
 * delimiter    = "." / "-" / "+" / "," / "/" / "_" / "="
 * macro-literal = %x21-24 / %x26-7E
 * </pre>
 *
 * @param parts          the literal and macro parts in order
 * @param endsWithMacro  the last part is a macro-expand (a domain-end of its own, §7.1)
 * @param text           the source text
 */
public record MacroString(List<Part> parts, boolean endsWithMacro, String text) {

    /** Most digits a transformer keeps (RFC 7208 §7.3: at least 127 must be supported; more means "all"). */
    static final int MAX_DIGITS = 128;

    public MacroString {
        parts = List.copyOf(parts);
    }

    /** A part of a macro-string. */
    public sealed interface Part { }

    /** Literal text (including what {@code %%}, {@code %_} and {@code %-} stand for). */
    public record Literal(String text) implements Part { }

    /**
     * A macro {@code %{...}} (§7.2, §7.3).
     *
     * @param letter     the lower-case macro letter
     * @param urlEscape  the letter was upper case: the value is URL-escaped (§7.3)
     * @param digits     keep this many right-hand parts; 0 = all
     * @param reverse    the {@code r} transformer: reverse the parts
     * @param delimiters the split characters; "" = "."
     */
    public record Macro(char letter, boolean urlEscape, int digits, boolean reverse, String delimiters) implements Part { }

    /**
     * Parses a macro-string.
     *
     * @param expText whether this is explanation text, where {@code c}, {@code r} and {@code t}
     *                are allowed (RFC 7208 §7.2) and spaces are literal (§6.2)
     */
    public static MacroString parse(String s, boolean expText) throws SpfException {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean lastMacro = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                boolean ok = c >= 0x21 && c <= 0x7e || expText && c == ' ';
                if (!ok) throw SpfException.perm("invalid character in macro-string: " + printable(c));
                lit.append(c);
                lastMacro = false;
                i++;
                continue;
            }
            if (i + 1 >= s.length()) throw SpfException.perm("'%' at the end of a macro-string");
            char n = s.charAt(i + 1);
            switch (n) {
                case '%' -> lit.append('%');
                case '_' -> lit.append(' ');
                case '-' -> lit.append("%20");
                case '{' -> {
                    int end = s.indexOf('}', i + 2);
                    if (end < 0) throw SpfException.perm("unterminated macro");
                    if (!lit.isEmpty()) {
                        parts.add(new Literal(lit.toString()));
                        lit.setLength(0);
                    }
                    parts.add(macro(s.substring(i + 2, end), expText));
                    lastMacro = true;
                    i = end + 1;
                    continue;
                }
                default -> throw SpfException.perm("invalid macro-expand '%" + printable(n) + "'");
            }
            lastMacro = true;
            i += 2;
        }
        if (!lit.isEmpty()) parts.add(new Literal(lit.toString()));
        return new MacroString(parts, lastMacro, s);
    }

    private static Macro macro(String body, boolean expText) throws SpfException {
        if (body.isEmpty()) throw SpfException.perm("empty macro");
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if ("slodiphcrtv".indexOf(lower) < 0 || letter > 0x7f) throw SpfException.perm("unknown macro letter " + printable(letter));
        if (!expText && "crt".indexOf(lower) >= 0) {
            throw SpfException.perm("macro %{" + letter + "} is allowed only in exp text");
        }
        int i = 1;
        long digits = 0;
        boolean hasDigits = false;
        while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
            digits = Math.min(digits * 10 + (body.charAt(i) - '0'), Integer.MAX_VALUE);
            hasDigits = true;
            i++;
        }
        if (hasDigits && digits == 0) throw SpfException.perm("macro transformer keeps zero parts");
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (int k = 0; k < delimiters.length(); k++) {
            if (".-+,/_=".indexOf(delimiters.charAt(k)) < 0) {
                throw SpfException.perm("invalid macro delimiter " + printable(delimiters.charAt(k)));
            }
        }
        return new Macro(lower, letter != lower, (int) Math.min(digits, MAX_DIGITS), reverse, delimiters);
    }

    /**
     * Checks the domain-spec form (RFC 7208 §7.1, §12): {@code domain-spec = macro-string domain-end},
     * {@code domain-end = ( "." toplabel [ "." ] ) / macro-expand}.
     */
    void requireDomainEnd() throws SpfException {
        if (endsWithMacro) return;
        if (parts.isEmpty() || !(parts.getLast() instanceof Literal last)) throw SpfException.perm("empty domain-spec");
        String t = last.text();
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        int dot = t.lastIndexOf('.');
        if (dot < 0 || !isTopLabel(t.substring(dot + 1))) {
            throw SpfException.perm("domain-spec '" + text + "' does not end in a top label");
        }
    }

    /** {@code toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )} (RFC 7208 §7.1). */
    static boolean isTopLabel(String l) {
        if (l.isEmpty() || l.length() > 63) return false;
        boolean alpha = false;
        boolean dash = false;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                alpha = true;
            } else if (c == '-') {
                dash = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (!dash) return alpha;
        return l.charAt(0) != '-' && l.charAt(l.length() - 1) != '-';
    }

    static String printable(char c) {
        return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
