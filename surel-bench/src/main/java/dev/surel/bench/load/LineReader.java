package dev.surel.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A blocking reader of CRLF-terminated lines and counted octets (IMAP literals) over one
 * socket stream, with its own buffer so that a long download costs no copy per line.
 *
 * <p>Invariants: {@code buf[pos, lim)} holds octets read from the stream and not yet consumed;
 * after {@link #readLine()} the line (without its line end) is {@code line()[0, length)} and stays
 * valid until the next call. A bare LF also ends a line (lenient), a line longer than
 * {@link #MAX_LINE} octets is a protocol error, and end of stream is an {@link EOFException}.
 */
final class LineReader {
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private byte[] line = new byte[1024];
    private int length;

    /** {@code bufferSize}: octets read from the stream at most per read (64 KiB for downloads, less for many idle connections). */
    LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Reads the next line; returns its length in octets without the CRLF. */
    int readLine() throws IOException {
        length = 0;
        while (true) {
            if (pos == lim) fill();
            int start = pos;
            int i = start;
            while (i < lim && buf[i] != '\n') i++;
            append(start, i - start);
            if (i < lim) {
                pos = i + 1;
                if (length > 0 && line[length - 1] == '\r') length--;
                return length;
            }
            pos = lim;
        }
    }

    /** The last line as text (ISO-8859-1 keeps every octet one char). */
    String lineString() {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    byte[] line() {
        return line;
    }

    int length() {
        return length;
    }

    /** Reads and drops exactly {@code n} octets (an IMAP literal the caller only counts). */
    void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == lim) fill();
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    private void append(int from, int n) throws IOException {
        if (length + n > MAX_LINE) throw new IOException("line longer than " + MAX_LINE + " octets from the server");
        if (length + n > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, length + n)];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) throw new EOFException("the server closed the connection");
        pos = 0;
        lim = n;
    }
}
