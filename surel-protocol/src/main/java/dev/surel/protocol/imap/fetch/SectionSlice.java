package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.mime.ByteRange;
import java.util.Arrays;

/**
 * What a {@code BODY[section]<partial>} fetch item sends (RFC 9051 §6.4.5), after the partial is
 * applied.
 *
 * <ul>
 *   <li>{@link Stored}: these bytes of the stored message, streamed from the blob by the caller
 *       (CONTENT, MIME, HEADER, TEXT and the whole message).</li>
 *   <li>{@link Computed}: bytes built here (HEADER.FIELDS and HEADER.FIELDS.NOT).</li>
 *   <li>{@link Missing}: the section names no part of this message (a part number out of range, or
 *       HEADER/TEXT/HEADER.FIELDS of a part that is not message/rfc822); servers answer NIL or an
 *       empty string here, the session decides.</li>
 * </ul>
 * Invariant: a partial whose offset lies beyond the end gives an empty slice, never an error (RFC
 * 9051 §6.4.5: "If the origin octet is beyond the end of the text, an empty string is returned").
 */
public sealed interface SectionSlice {

    /** Octets that will be sent (0 for {@link Missing}). */
    long length();

    record Stored(ByteRange range) implements SectionSlice {
        @Override
        public long length() {
            return range.length();
        }
    }

    record Computed(byte[] bytes) implements SectionSlice {
        public Computed {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Computed c && Arrays.equals(c.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Computed[" + bytes.length + " bytes]";
        }
    }

    record Missing() implements SectionSlice {
        @Override
        public long length() {
            return 0;
        }
    }
}
