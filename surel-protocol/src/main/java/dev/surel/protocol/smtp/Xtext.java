package dev.surel.protocol.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * RFC 3461 §4 xtext: the encoding of DSN parameters ENVID and ORCPT (and of MAIL AUTH=, RFC 4954
 * §5). Any octet outside {@code "!".."~"}, and {@code "+"} and {@code "="}, is written as
 * {@code "+" HEXCHAR HEXCHAR} with upper-case hex digits.
 *
 * <pre>
 *   xtext = *( xchar / hexchar )
 *   xchar = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "=".
 *   hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
 * </pre>
 *
 * Pure functions; {@link #decode} refuses anything that is not xtext (an empty result means a
 * syntax error for the caller: 501 5.5.4).
 */
public final class Xtext {

    private Xtext() {
    }

    /** Encodes UTF-8 text as xtext (RFC 3461 §4). */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 8);
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c >= '!' && c <= '~' && c != '+' && c != '=') {
                b.append((char) c);
            } else {
                b.append('+').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    /**
     * Decodes xtext into text (octets taken as UTF-8). Empty when {@code xtext} contains a
     * character outside {@code "!".."~"}, a bare {@code "="}, or a {@code "+"} not followed by
     * two hex digits, or when the octets are not UTF-8. Lower-case hex digits are accepted (be
     * liberal in what you accept); the decoded value may not contain CR, LF or NUL (the values go
     * into DSNs and logs).
     */
    public static Optional<String> decode(String xtext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) return Optional.empty();
                int hi = Character.digit(xtext.charAt(i + 1), 16);
                int lo = Character.digit(xtext.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || !isAsciiHex(xtext.charAt(i + 1)) || !isAsciiHex(xtext.charAt(i + 2))) return Optional.empty();
                int v = hi << 4 | lo;
                if (v == '\r' || v == '\n' || v == 0) return Optional.empty();
                out.write(v);
                i += 2;
            } else if (c >= '!' && c <= '~' && c != '=') {
                out.write(c);
            } else {
                return Optional.empty();
            }
        }
        try { // strictly: U+FFFD in place of bad octets would change the value a DSN reports
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** True when {@code s} is well-formed xtext. */
    public static boolean isValid(String s) {
        return decode(s).isPresent();
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
