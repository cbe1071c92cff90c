package dev.surel.protocol.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict UTF-8 conversions that leave no copies of secrets behind (package-private helper). */
final class Utf8 {
    private Utf8() { }

    /** Decodes {@code bytes[from, to)} strictly; {@code null} if it is not valid UTF-8. */
    static char[] decode(byte[] bytes, int from, int to) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer cb;
        try {
            cb = d.decode(ByteBuffer.wrap(bytes, from, to - from));
        } catch (CharacterCodingException e) {
            return null;
        }
        char[] out = new char[cb.remaining()];
        cb.get(out);
        SaslPrep.wipe(cb);
        return out;
    }

    static String decodeString(byte[] bytes, int from, int to) {
        char[] c = decode(bytes, from, to);
        return c == null ? null : new String(c);
    }

    /** Encodes {@code chars} as UTF-8 into a new array, wiping the intermediate buffer. */
    static byte[] encode(char[] chars) {
        CharsetEncoder e = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb;
        try {
            bb = e.encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException ex) {
            throw new IllegalArgumentException("password is not valid UTF-16 (lone surrogate)");
        }
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) Arrays.fill(bb.array(), (byte) 0);
        return out;
    }
}
