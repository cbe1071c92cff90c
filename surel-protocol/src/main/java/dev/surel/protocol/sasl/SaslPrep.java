package dev.surel.protocol.sasl;

import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * SASLprep (RFC 4013), the subset Surel applies to user names and passwords before comparing
 * or hashing them.
 *
 * <p>Done: RFC 4013 §2.1 mapping (non-ASCII spaces, RFC 3454 table C.1.2, to U+0020; the
 * "commonly mapped to nothing" characters of table B.1 removed), §2.2 normalisation with
 * Unicode NFKC, and §2.3 prohibition of control characters (C.2.1, C.2.2), private use (C.3),
 * non-characters (C.4), surrogate code points (C.5), C.6 to C.9. Not done: the bidirectional
 * check (§2.4 / RFC 3454 §6) and the unassigned code point check (treated as a query, RFC 4013
 * §2.5 / RFC 3454 §7). A string of printable ASCII is returned unchanged without creating a
 * {@link String}; other passwords pass through one transient String inside {@link Normalizer}.
 */
public final class SaslPrep {
    private SaslPrep() { }

    /** Thrown when the input holds a prohibited character. The message never contains the input. */
    public static final class ProhibitedCharacter extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ProhibitedCharacter(int codePoint) {
            super("prohibited character U+" + Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** SASLprep of a string (user names). */
    public static String prepare(String s) {
        char[] out = prepare(s.toCharArray());
        return new String(out);
    }

    /** SASLprep of a password; the input is left untouched, the result is a new array. */
    public static char[] prepare(char[] in) {
        boolean ascii = true;
        for (char c : in) {
            if (c < 0x20 || c > 0x7E) {
                ascii = false;
                break;
            }
        }
        if (ascii) return in.clone();
        StringBuilder mapped = new StringBuilder(in.length);
        for (int i = 0; i < in.length; ) {
            int cp = Character.codePointAt(in, i);
            i += Character.charCount(cp);
            if (mappedToNothing(cp)) continue;
            if (nonAsciiSpace(cp)) cp = ' ';
            mapped.appendCodePoint(cp);
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        mapped.setLength(0);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (prohibited(cp)) throw new ProhibitedCharacter(cp);
        }
        char[] out = new char[normalized.length()];
        normalized.getChars(0, out.length, out, 0);
        return out;
    }

    static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    static boolean prohibited(int cp) {
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;          // C.2.1, C.2.2
        if (cp == 0x06DD || cp == 0x070F || cp == 0x180E || (cp >= 0x200C && cp <= 0x200D)
                || (cp >= 0x2028 && cp <= 0x2029) || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A)) return true;                           // C.2.2
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD)
                || (cp >= 0x100000 && cp <= 0x10FFFD)) return true;                          // C.3
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return true;          // C.4
        if (cp >= 0xD800 && cp <= 0xDFFF) return true;                                        // C.5
        if (cp >= 0xFFF9 && cp <= 0xFFFD) return true;                                        // C.6
        if (cp >= 0x2FF0 && cp <= 0x2FFB) return true;                                        // C.7
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)) return true;                              // C.8
        return cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);                           // C.9
    }

    /** Overwrites a char buffer's backing array. */
    static void wipe(CharBuffer b) {
        if (b.hasArray()) Arrays.fill(b.array(), '\0');
    }
}
