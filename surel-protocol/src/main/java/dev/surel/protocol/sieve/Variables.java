package dev.surel.protocol.sieve;

import java.util.Locale;
import java.util.function.Function;

/**
 * The variables extension's string handling (RFC 5229): variable names (§3), the expansion of
 * {@code ${name}} and {@code ${N}} in strings (§3), and the modifiers of {@code set} (§4.1).
 */
final class Variables {

    private Variables() {}

    /** {@code variable-name = (ALPHA / "_") *(ALPHA / DIGIT / "_")} (RFC 5229 §3). */
    static boolean isName(String s) {
        if (s.isEmpty() || s.length() > 64) return false;
        char c0 = s.charAt(0);
        if (!(Character.isLetter(c0) && c0 < 128 || c0 == '_')) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) return false;
        }
        return true;
    }

    /**
     * Replaces every {@code ${identifier}} and {@code ${digits}} by its value ({@code lookup}
     * gives null for an unset variable, which expands to the empty string); anything else stays
     * as written. The result is cut at {@code max} characters.
     */
    static String expand(String s, Function<String, String> lookup, int max) {
        int i = s.indexOf("${");
        if (i < 0) return s.length() > max ? s.substring(0, max) : s;
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (i >= 0 && out.length() <= max) {
            int end = s.indexOf('}', i + 2);
            if (end < 0) break;
            String ref = s.substring(i + 2, end);
            String value = null;
            boolean ok = false;
            if (!ref.isEmpty() && ref.chars().allMatch(c -> c >= '0' && c <= '9')) {
                ok = true;
                value = ref.length() > 3 ? null : lookup.apply(Integer.toString(Integer.parseInt(ref)));
            } else if (isName(ref)) {
                ok = true;
                value = lookup.apply(ref.toLowerCase(Locale.ROOT));
            } else if (isNamespaced(ref)) {
                ok = true; // a namespace Surel does not know: nothing to expand to
            }
            if (ok) {
                out.append(s, from, i);
                if (value != null) out.append(value);
                from = end + 1;
                i = s.indexOf("${", from);
            } else {
                i = s.indexOf("${", i + 2);
            }
        }
        if (out.length() < max) out.append(s, from, Math.min(s.length(), from + (max - out.length())));
        return out.length() > max ? out.substring(0, max) : out.toString();
    }

    private static boolean isNamespaced(String ref) {
        String[] parts = ref.split("\\.", -1);
        if (parts.length < 2) return false;
        for (String p : parts) if (!isName(p)) return false;
        return true;
    }

    /**
     * {@code set}'s modifiers, applied in the order of RFC 5229 §4.1: :lower/:upper (40),
     * :lowerfirst/:upperfirst (30), :quotewildcard (20), :length (10).
     */
    static String modify(String v, Call set) {
        if (set.has(":lower")) v = v.toLowerCase(Locale.ROOT);
        if (set.has(":upper")) v = v.toUpperCase(Locale.ROOT);
        if (!v.isEmpty() && set.has(":lowerfirst")) {
            v = new StringBuilder().appendCodePoint(Character.toLowerCase(v.codePointAt(0)))
                    .append(v, Character.charCount(v.codePointAt(0)), v.length()).toString();
        }
        if (!v.isEmpty() && set.has(":upperfirst")) {
            v = new StringBuilder().appendCodePoint(Character.toUpperCase(v.codePointAt(0)))
                    .append(v, Character.charCount(v.codePointAt(0)), v.length()).toString();
        }
        if (set.has(":quotewildcard")) v = v.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
        if (set.has(":quoteregex")) v = Regex.quote(v); // draft-ietf-sieve-regex-01 §5 (precedence 20)
        if (set.has(":length")) v = Integer.toString(v.codePointCount(0, v.length()));
        return v;
    }

    /** Cuts a value at {@code max} characters without splitting a surrogate pair (RFC 5229 §6). */
    static String truncate(String v, int max) {
        if (v.length() <= max) return v;
        int end = Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max;
        return v.substring(0, end);
    }
}
