package dev.surel.store.blob;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Canonicalises line endings to CRLF while streaming: a bare LF becomes CRLF, a bare CR becomes
 * CRLF, CRLF stays. A CR at the very end becomes CRLF on {@link #close()} (or {@link #finish()}).
 * Counts the bytes written downstream.
 */
public final class CrlfOutputStream extends FilterOutputStream {
    private final byte[] buf = new byte[16384];
    private final boolean convert;
    private int n;
    private boolean pendingCr;
    private long count;

    public CrlfOutputStream(OutputStream out) {
        this(out, true);
    }

    private CrlfOutputStream(OutputStream out, boolean convert) {
        super(out);
        this.convert = convert;
    }

    /** A stream that passes every octet through unchanged, still buffering and counting (RFC 3516 literal8). */
    public static CrlfOutputStream exact(OutputStream out) {
        return new CrlfOutputStream(out, false);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!convert) {
            for (int i = off, end = off + len; i < end; i++) put(b[i]);
            return;
        }
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                put((byte) '\r');
                put((byte) '\n');
                if (c == '\n') continue;
            }
            if (c == '\r') {
                pendingCr = true;
            } else if (c == '\n') {
                put((byte) '\r');
                put((byte) '\n');
            } else {
                put(c);
            }
        }
    }

    private void put(byte c) throws IOException {
        if (n == buf.length) drain();
        buf[n++] = c;
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        count += n;
        n = 0;
    }

    /** Writes out a trailing CR as CRLF and everything buffered; does not close. */
    public void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            put((byte) '\r');
            put((byte) '\n');
        }
        drain();
        out.flush();
    }

    /** Bytes written downstream so far (after {@link #finish()}: the canonical size). */
    public long count() {
        return count;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
