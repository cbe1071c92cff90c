package dev.surel.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A connection's output buffer that costs only what it holds: it starts empty, grows (doubling
 * from {@value #FIRST} octets) up to its size as a response needs, and {@link #release()} gives
 * it back once flushed, so a parked connection (IMAP IDLE) keeps no output buffer. Writes as
 * large as the buffer go straight through (after what is buffered). Not thread-safe: the
 * session's own lock serialises writers.
 */
final class OutputBuffer extends OutputStream {
    static final int FIRST = 256;
    private static final byte[] NONE = new byte[0];

    private final OutputStream target;
    private final int size;
    private byte[] buf = NONE;
    private int count;

    OutputBuffer(OutputStream target, int size) {
        if (size < FIRST) throw new IllegalArgumentException("output buffer below " + FIRST);
        this.target = target;
        this.size = size;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) room(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= size) {
            drain();
            target.write(b, off, len);
            return;
        }
        if (len > buf.length - count) room(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        drain();
        target.flush();
    }

    /** Gives the buffer back (after a flush; nothing may be buffered): the next write takes a new one. */
    void release() {
        if (count > 0) throw new IllegalStateException(count + " octets not flushed");
        buf = NONE;
    }

    /** Octets of buffer held now (for tests). */
    int held() {
        return buf.length;
    }

    /** Makes room for {@code len} (< size) more octets: grows up to the size, else drains. */
    private void room(int len) throws IOException {
        if (count + len > size) drain();
        if (count + len > buf.length) {
            int n = Math.max(FIRST, buf.length);
            while (n < count + len) n *= 2;
            buf = Arrays.copyOf(buf, Math.min(n, size));
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            target.write(buf, 0, count);
            count = 0;
        }
    }
}
