package dev.surel.store.blob;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob's bytes when their count is known ({@link BlobStore#open(String, long)}): gives exactly
 * that many octets, never asks the file for more once they are read (no read that only finds the
 * end), and fails with {@link EOFException} when the file ends before them (a damaged store: the
 * peer was already told the size).
 */
final class ExactInputStream extends FilterInputStream {
    private final String hash;
    private long left;

    ExactInputStream(InputStream in, long size, String hash) {
        super(in);
        this.left = size;
        this.hash = hash;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) return -1;
        int b = in.read();
        if (b < 0) throw early();
        left--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (left <= 0) return -1;
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) throw early();
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = in.skip(Math.min(n, left));
        left -= k;
        return k;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private EOFException early() {
        return new EOFException("blob " + hash + " ends " + left + " octets before its recorded size: store damaged");
    }
}
