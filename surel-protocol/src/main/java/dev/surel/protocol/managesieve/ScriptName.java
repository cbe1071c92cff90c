package dev.surel.protocol.managesieve;

import java.util.Optional;

/**
 * Sieve script names (RFC 5804 §1.6): non-empty Net-Unicode (RFC 5198) text without control
 * characters (U+0000-U+001F, U+007F, U+0080-U+009F), LINE SEPARATOR (U+2028) or PARAGRAPH
 * SEPARATOR (U+2029), and no unpaired surrogates. §1.6 asks servers to accept at least 128
 * Unicode characters; Surel accepts exactly up to {@value #MAX_CHARS}. Names are compared octet
 * by octet ("i;octet"): case matters.
 */
public final class ScriptName {
    /** Longest name in Unicode characters (code points). */
    public static final int MAX_CHARS = 128;

    private ScriptName() {
    }

    /** Why {@code name} is not a valid script name; empty when it is one. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) return Optional.of("a script name must not be empty");
        int count = 0;
        for (int i = 0; i < name.length(); ) {
            char ch = name.charAt(i);
            if (Character.isSurrogate(ch)) {
                if (!Character.isHighSurrogate(ch) || i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return Optional.of("a script name must be valid Unicode");
                }
            }
            int cp = name.codePointAt(i);
            if (cp <= 0x1F || cp >= 0x7F && cp <= 0x9F || cp == 0x2028 || cp == 0x2029) {
                return Optional.of("a script name must not contain control characters (RFC 5804 §1.6)");
            }
            count++;
            i += Character.charCount(cp);
        }
        if (count > MAX_CHARS) return Optional.of("a script name must not be longer than " + MAX_CHARS + " characters");
        return Optional.empty();
    }

    public static boolean valid(String name) {
        return problem(name).isEmpty();
    }
}
