package dev.surel.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stored message's header section (RFC 5322 §2.1: the fields up to the first empty
 * line), leaving the stream at the first octet of the body. Stored messages are in canonical
 * CRLF form, so the section ends at CRLF CRLF; the returned octets keep the last field's CRLF
 * and leave out the empty line ({@link #END}). A message without a body returns all its octets.
 */
final class HeaderSection {

    /** The empty line between the header and the body. */
    static final byte[] END = {'\r', '\n'};

    private HeaderSection() {}

    /** The header section, or null when it is longer than {@code max} octets (the stream is then spent). */
    static byte[] read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        boolean lineStart = true;
        while (true) {
            int b = in.read();
            if (b < 0) return out.toByteArray();
            if (lineStart && b == '\r') {
                int n = in.read();
                if (n == '\n' || n < 0) return out.toByteArray(); // the empty line: the body follows
                out.write(b);
                out.write(n);
                lineStart = n == '\n';
                continue;
            }
            out.write(b);
            lineStart = b == '\n';
            if (out.size() > max) return null;
        }
    }
}
