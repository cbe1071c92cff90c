package dev.surel.net;

import java.nio.charset.StandardCharsets;

/**
 * What {@link Connection#readLine()} found: a line, an over-long line (already discarded up
 * to and including its LF, so the next read starts at the next line), or the end of input.
 */
public sealed interface LineRead {

    /**
     * A line without its terminator. {@code crlf} is false when the line ended with a bare
     * LF (a protocol that must refuse bare LF, e.g. SMTP DATA against smuggling, checks it).
     */
    record Line(byte[] bytes, boolean crlf) implements LineRead {
        /** The line decoded as US-ASCII (non-ASCII octets become U+FFFD). */
        public String ascii() {
            return new String(bytes, StandardCharsets.US_ASCII);
        }

        /** The line decoded as UTF-8 (for UTF8=ACCEPT / SMTPUTF8 sessions). */
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A line longer than the limit; {@code length} counts all its octets, terminator included. */
    record TooLong(long length, int limit) implements LineRead {}

    /** The peer closed its side (a partial last line without LF is dropped). */
    record End() implements LineRead {}
}
