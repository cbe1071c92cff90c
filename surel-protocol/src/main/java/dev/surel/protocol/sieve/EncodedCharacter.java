package dev.surel.protocol.sieve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * encoded-character (RFC 5228 §2.4.2.4): {@code ${hex: 41 42}} stands for octets (UTF-8) and
 * {@code ${unicode: 263A}} for code points, white space allowed between the values. A sequence
 * that does not fit this syntax is left as written; a code point outside 0-D7FF / E000-10FFFF,
 * or octets that are not UTF-8, are an error.
 */
final class EncodedCharacter {

    private EncodedCharacter() {}

    static String decode(String s, int line) throws SieveException {
        if (!s.contains("${")) return s;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            if (start < 0) break;
            out.append(s, i, start);
            int end = s.indexOf('}', start);
            String decoded = end < 0 ? null : tryDecode(s.substring(start + 2, end), line);
            if (decoded == null) {
                out.append("${");
                i = start + 2;
            } else {
                out.append(decoded);
                i = end + 1;
            }
        }
        out.append(s, i, s.length());
        return out.toString();
    }

    private static String tryDecode(String body, int line) throws SieveException {
        int colon = body.indexOf(':');
        if (colon < 0) return null;
        String kind = body.substring(0, colon).toLowerCase(Locale.ROOT);
        String[] parts = body.substring(colon + 1).trim().split("[ \t\r\n]+");
        if (parts.length == 0 || parts[0].isEmpty()) return null;
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) return null;
        }
        if (kind.equals("hex")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (String p : parts) {
                if (p.length() > 2) return null; // hex-pair = 1*2HEXDIG
                b.write(Integer.parseInt(p, 16));
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw new SieveException(line, "${hex:...} does not encode UTF-8");
            }
        }
        if (kind.equals("unicode")) {
            StringBuilder sb = new StringBuilder();
            for (String p : parts) {
                String t = p.replaceFirst("^0+(?=.)", "");
                if (t.length() > 6) throw new SieveException(line, "${unicode:" + p + "} is not a Unicode code point");
                int cp = Integer.parseInt(t, 16);
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw new SieveException(line, "${unicode:" + p + "} is not a Unicode code point");
                }
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }
        return null;
    }
}
