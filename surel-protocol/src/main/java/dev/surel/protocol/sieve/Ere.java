package dev.surel.protocol.sieve;

import java.util.Map;

/**
 * POSIX extended regular expressions (IEEE Std 1003.1, XBD §9.4), the syntax of the regex
 * extension (draft-ietf-sieve-regex-01 §3), translated into a java.util.regex pattern that means
 * the same: every literal written as {@code \x{..}}, bracket expressions rebuilt item by item
 * ({@code ]} first is literal, a backslash inside is literal, {@code [:alpha:]} classes), bounds
 * checked ({@code {m,n}}, m ≤ n ≤ 255). So what reaches {@link java.util.regex.Pattern#compile}
 * always compiles, and nothing beyond ERE (back-references, look-around, lazy quantifiers,
 * embedded flags) can be written.
 */
final class Ere {

    private Ere() {}

    /** Not an ERE: the message says why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\p{Space}"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"), Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("xdigit", "\\p{XDigit}"), Map.entry("blank", "\\p{Blank}"));

    static final int MAX_DEPTH = 32;
    static final int MAX_BOUND = 255;

    private final StringBuilder out = new StringBuilder();
    private String re;
    private int pos;

    /** The Java pattern for the ERE {@code re}. */
    static String translate(String re) throws Invalid {
        Ere e = new Ere();
        e.re = re;
        e.alternation(0);
        if (e.pos < re.length()) throw new Invalid("unmatched )");
        return e.out.toString();
    }

    private void alternation(int depth) throws Invalid {
        if (depth > MAX_DEPTH) throw new Invalid("groups nested deeper than " + MAX_DEPTH);
        branch(depth);
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            out.append('|');
            branch(depth);
        }
    }

    private void branch(int depth) throws Invalid {
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '|' || c == ')') return;
            atom(depth);
            quantifier();
        }
    }

    private void atom(int depth) throws Invalid {
        char c = re.charAt(pos++);
        switch (c) {
            case '(' -> {
                out.append('(');
                alternation(depth + 1);
                if (pos >= re.length() || re.charAt(pos) != ')') throw new Invalid("unmatched (");
                pos++;
                out.append(')');
            }
            case '.' -> out.append('.');
            case '^' -> out.append('^');
            case '$' -> out.append('$');
            case '[' -> bracket();
            case '\\' -> {
                if (pos >= re.length()) throw new Invalid("trailing backslash");
                int cp = re.codePointAt(pos);
                if (Character.isDigit(cp)) throw new Invalid("back-references are not POSIX ERE");
                if (Character.isLetter(cp)) throw new Invalid("\\" + Character.toString(cp) + " is not POSIX ERE");
                pos += Character.charCount(cp);
                literal(cp);
            }
            case '*', '+', '?', '{' -> throw new Invalid("nothing to repeat before " + c);
            default -> {
                pos--;
                int cp = re.codePointAt(pos);
                pos += Character.charCount(cp);
                literal(cp);
            }
        }
    }

    /** {@code *}, {@code +}, {@code ?} or {@code {m}}, {@code {m,}}, {@code {m,n}}; one per atom. */
    private void quantifier() throws Invalid {
        if (pos >= re.length()) return;
        char c = re.charAt(pos);
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            out.append(c);
        } else if (c == '{') {
            int close = re.indexOf('}', pos);
            if (close < 0) throw new Invalid("unmatched {");
            String body = re.substring(pos + 1, close);
            if (!body.matches("[0-9]{1,3}(,[0-9]{0,3})?")) throw new Invalid("bad bound {" + SieveCompiler.printable(body) + "}");
            int comma = body.indexOf(',');
            int m = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
            int n = comma < 0 ? m : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
            if (m > MAX_BOUND || n > MAX_BOUND || (n >= 0 && n < m)) throw new Invalid("bad bound {" + body + "}");
            pos = close + 1;
            out.append('{').append(m);
            if (comma >= 0) out.append(',');
            if (n >= 0 && comma >= 0) out.append(n);
            out.append('}');
        } else {
            return;
        }
        if (pos < re.length() && "*+?{".indexOf(re.charAt(pos)) >= 0) throw new Invalid("two quantifiers in a row");
    }

    /** A bracket expression: {@code [}, optional {@code ^}, items ({@code ]} first is literal), {@code ]}. */
    private void bracket() throws Invalid {
        out.append('[');
        if (pos < re.length() && re.charAt(pos) == '^') {
            out.append('^');
            pos++;
        }
        boolean first = true;
        boolean any = false;
        while (true) {
            if (pos >= re.length()) throw new Invalid("unmatched [");
            char c = re.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            if (c == '[' && pos + 1 < re.length() && (re.charAt(pos + 1) == ':' || re.charAt(pos + 1) == '=' || re.charAt(pos + 1) == '.')) {
                char kind = re.charAt(pos + 1);
                int end = re.indexOf(kind + "]", pos + 2);
                if (end < 0) throw new Invalid("unterminated [" + kind);
                String name = re.substring(pos + 2, end);
                if (kind != ':') throw new Invalid("[" + kind + " is not supported");
                String cls = CLASSES.get(name);
                if (cls == null) throw new Invalid("unknown class [:" + SieveCompiler.printable(name) + ":]");
                out.append(cls);
                pos = end + 2;
                any = true;
                continue;
            }
            int lo = re.codePointAt(pos);
            pos += Character.charCount(lo);
            if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                pos++;
                int hi = re.codePointAt(pos);
                pos += Character.charCount(hi);
                if (hi < lo) throw new Invalid("bad range");
                hex(lo);
                out.append('-');
                hex(hi);
            } else {
                hex(lo);
            }
            any = true;
        }
        if (!any) throw new Invalid("empty bracket expression");
        out.append(']');
    }

    private void literal(int cp) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' ') {
            out.appendCodePoint(cp);
        } else {
            hex(cp);
        }
    }

    private void hex(int cp) {
        out.append("\\x{").append(Integer.toHexString(cp)).append('}');
    }
}
