package dev.surel.pop3;

import dev.surel.net.Connection;
import java.io.IOException;
import java.util.Arrays;

/**
 * The lines of a multi-line LIST or UIDL reply (RFC 1939 §5, §7), built as octets in one buffer
 * and written at once: no string per line. Only digits, spaces, dots and CRLF go in (every value
 * is a number), so nothing from the peer and no CR or LF can appear inside a line; no line
 * starts with "." (each starts with its message number), so none needs dot-stuffing.
 */
final class Listing {
    private byte[] buf;
    private int n;

    /** A listing of about {@code lines} lines. */
    Listing(int lines) {
        buf = new byte[Math.max(64, lines * 24)];
    }

    Listing number(long v) {
        if (v < 0) throw new IllegalArgumentException("negative: " + v);
        room(20);
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
        return this;
    }

    Listing octet(char c) {
        room(1);
        buf[n++] = (byte) c;
        return this;
    }

    Listing crlf() {
        room(2);
        buf[n++] = '\r';
        buf[n++] = '\n';
        return this;
    }

    /** Writes the lines, then the terminator line "." CRLF. */
    void writeTo(Connection conn) throws IOException {
        octet('.').crlf();
        conn.write(buf, 0, n);
    }

    private void room(int k) {
        if (n + k > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + k));
    }
}
