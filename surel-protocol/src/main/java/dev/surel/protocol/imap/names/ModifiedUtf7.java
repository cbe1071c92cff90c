package dev.surel.protocol.imap.names;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Modified UTF-7 of mailbox names (RFC 3501 §5.1.3): printable US-ASCII other than {@code &}
 * stands for itself, {@code &} is {@code &-}, everything else is UTF-16BE in modified base64
 * ({@code ,} for {@code /}, no padding) between {@code &} and {@code -}.
 *
 * <p>{@link #decode} is strict and throws {@link IllegalArgumentException} on anything
 * {@link #encode} would never produce: a character outside 0x20-0x7E, an unterminated or empty
 * shift ({@code &-} excepted), base64 that leaves a partial UTF-16 unit or non-zero pad bits, an
 * encoded printable ASCII character ("MUST NOT" in RFC 3501 §5.1.3), two adjacent encoded runs
 * (they must be one), and unpaired surrogates. So {@code encode(decode(s)).equals(s)} for every
 * accepted {@code s}.
 */
public final class ModifiedUtf7 {

    private ModifiedUtf7() {
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    /** Encodes a mailbox name; throws {@link IllegalArgumentException} on an unpaired surrogate. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                j++;
            }
            String run = name.substring(i, j);
            checkSurrogates(run);
            out.append('&').append(base64(run.getBytes(StandardCharsets.UTF_16BE))).append('-');
            i = j;
        }
        return out.toString();
    }

    /** Decodes a modified UTF-7 mailbox name strictly (see the class comment). */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        boolean lastWasEncoded = false;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("not 7-bit printable at " + i);
            }
            if (c != '&') {
                out.append(c);
                lastWasEncoded = false;
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated &-shift at " + i);
            }
            if (end == i + 1) {
                out.append('&');
                lastWasEncoded = false;
                i = end + 1;
                continue;
            }
            if (lastWasEncoded) {
                throw new IllegalArgumentException("adjacent encoded runs at " + i);
            }
            String run = decodeRun(wire.substring(i + 1, end), i);
            out.append(run);
            lastWasEncoded = true;
            i = end + 1;
        }
        return out.toString();
    }

    /** True when {@code wire} is valid modified UTF-7. */
    public static boolean isValid(String wire) {
        try {
            decode(wire);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String decodeRun(String b64, int at) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int bits = 0;
        int nbits = 0;
        for (int k = 0; k < b64.length(); k++) {
            int v = ALPHABET.indexOf(b64.charAt(k));
            if (v < 0) {
                throw new IllegalArgumentException("bad base64 character at " + (at + 1 + k));
            }
            bits = (bits << 6) | v;
            nbits += 6;
            if (nbits >= 8) {
                nbits -= 8;
                bytes.write((bits >> nbits) & 0xff);
            }
        }
        if (nbits >= 6 || (bits & ((1 << nbits) - 1)) != 0) {
            throw new IllegalArgumentException("bad base64 padding at " + at);
        }
        byte[] b = bytes.toByteArray();
        if (b.length % 2 != 0 || b.length == 0) {
            throw new IllegalArgumentException("partial UTF-16 unit at " + at);
        }
        char[] units = new char[b.length / 2];
        for (int k = 0; k < units.length; k++) {
            units[k] = (char) (((b[2 * k] & 0xff) << 8) | (b[2 * k + 1] & 0xff));
        }
        String s = new String(units); // not via a decoder: that would hide unpaired surrogates as U+FFFD
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 0x20 && c <= 0x7e) {
                throw new IllegalArgumentException("encoded printable ASCII at " + at);
            }
        }
        checkSurrogates(s);
        return s;
    }

    private static void checkSurrogates(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c)) {
                if (k + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(k + 1))) {
                    throw new IllegalArgumentException("unpaired surrogate");
                }
                k++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate");
            }
        }
    }

    private static String base64(byte[] b) {
        StringBuilder sb = new StringBuilder();
        int bits = 0;
        int nbits = 0;
        for (byte x : b) {
            bits = (bits << 8) | (x & 0xff);
            nbits += 8;
            while (nbits >= 6) {
                nbits -= 6;
                sb.append(ALPHABET.charAt((bits >> nbits) & 0x3f));
            }
        }
        if (nbits > 0) {
            sb.append(ALPHABET.charAt((bits << (6 - nbits)) & 0x3f));
        }
        return sb.toString();
    }
}
