package dev.surel.protocol.mime;

import java.util.Arrays;
import java.util.Locale;

/**
 * One header field exactly as it appears in the message: {@link #raw()} holds its bytes from the
 * first byte of the name through the line terminator of its last (folded) line.
 *
 * <p>Invariant: {@code raw} starts with {@code name} followed (after optional whitespace) by a colon,
 * or the field is a malformed line kept for exactness ({@link #name()} is then the whole line up to
 * the first colon or the empty string).
 */
public final class HeaderField {

    private final String name;
    private final byte[] raw;

    HeaderField(String name, byte[] raw) {
        this.name = name;
        this.raw = raw;
    }

    /** The field name as written (case kept, surrounding whitespace removed). */
    public String name() {
        return name;
    }

    /** True when the name equals {@code other} ignoring ASCII case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** Lower-cased name. */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The exact bytes of the field including folding and the final line terminator. */
    public byte[] raw() {
        return raw.clone();
    }

    int rawLength() {
        return raw.length;
    }

    byte[] rawUnsafe() {
        return raw;
    }

    /** The value as written after the colon, folding kept, final terminator removed. */
    public String rawValue() {
        int colon = indexOf(raw, (byte) ':');
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        int from = colon < 0 ? end : colon + 1;
        return Text.decodeHeaderBytes(raw, from, Math.max(from, end));
    }

    /**
     * The unfolded value (RFC 5322 §2.2.3: CRLF before whitespace removed), leading and trailing
     * whitespace trimmed. Non-ASCII bytes are read as UTF-8 (RFC 6532), or as ISO-8859-1 when not
     * valid UTF-8.
     */
    public String value() {
        return Text.unfold(rawValue()).strip();
    }

    /** {@link #value()} with RFC 2047 encoded words decoded (lenient; never throws). */
    public String decodedValue() {
        return Text.decodeWords(value());
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && f.name.equals(name) && Arrays.equals(f.raw, raw);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return name + ":" + value();
    }
}
