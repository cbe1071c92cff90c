package dev.surel.transfer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes CRLF as LF (files of Maildir and mbox use the Unix line ending; their readers, Surel's
 * import included, make it CRLF again). A CR not followed by LF passes unchanged. Counts the
 * octets written.
 */
final class LfOutputStream extends FilterOutputStream {
    private boolean pendingCr;
    private long count;

    LfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            if (b != '\n') put('\r');
        }
        if (b == '\r') {
            pendingCr = true;
            return;
        }
        put(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) write(b[i] & 0xff);
    }

    private void put(int b) throws IOException {
        out.write(b);
        count++;
    }

    /** Writes a trailing CR held back, without closing. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            put('\r');
        }
        out.flush();
    }

    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
