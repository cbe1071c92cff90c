package dev.surel.imap;

import dev.surel.net.Connection;
import dev.surel.protocol.imap.ResponseBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything a session writes to its client goes through here, under one lock: the session
 * thread writes command responses, and during IDLE the pusher thread writes untagged updates
 * (RFC 2177); {@link Connection} itself is single-threaded for writes.
 *
 * <p>Invariants: text written with {@link #line} is composed by the server (a CR or LF in it is
 * a bug and refused by the connection); anything that came from a client goes through
 * {@link ResponseBuilder}, which quotes or makes literals.
 */
final class Responder {
    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    /** The connection as a stream, for {@link ResponseBuilder#writeTo} (its buffer, no copy). */
    private final OutputStream toConnection;

    Responder(Connection conn) {
        this.conn = conn;
        this.toConnection = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                conn.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                conn.write(b, off, len);
            }
        };
    }

    void line(String text) throws IOException {
        lock.lock();
        try {
            conn.writeLine(text);
        } finally {
            lock.unlock();
        }
    }

    void untagged(String text) throws IOException {
        line("* " + text);
    }

    /** A tagged (or untagged, tag "*") status response: {@code tag STATUS [CODE] text}. */
    void status(String tag, String status, String code, String text) throws IOException {
        line(tag + " " + status + (code == null ? "" : " [" + code + "]") + " " + text);
    }

    void ok(String tag, String text) throws IOException {
        status(tag, "OK", null, text);
    }

    void no(String tag, String code, String text) throws IOException {
        status(tag, "NO", code, text);
    }

    void bad(String tag, String text) throws IOException {
        status(tag == null ? "*" : tag, "BAD", null, text);
    }

    /** Octets built by a {@link ResponseBuilder} (ending with CRLF when the caller added it). */
    void write(ResponseBuilder b) throws IOException {
        lock.lock();
        try {
            b.writeTo(toConnection);
        } finally {
            lock.unlock();
        }
    }

    void write(byte[] bytes) throws IOException {
        lock.lock();
        try {
            conn.write(bytes);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies exactly {@code n} octets of {@code in} as the content of an ordinary literal, NUL
     * octets replaced by 0x80: RFC 9051 §4.3 allows NUL only in a literal8, which only BINARY
     * may send (RFC 3516). Dovecot 2.3.19 replaces them the same way; the size stays the same.
     */
    void copyWithoutNul(InputStream in, long n) throws IOException {
        copy(in, n, true);
    }

    /** Replaces NUL octets by 0x80 in place (see {@link #copyWithoutNul}); returns {@code b}. */
    static byte[] withoutNul(byte[] b) {
        for (int i = 0; i < b.length; i++) if (b[i] == 0) b[i] = (byte) 0x80;
        return b;
    }

    /** Copies exactly {@code n} octets of {@code in} (a literal8's content, or octets known to hold no NUL). */
    void copy(InputStream in, long n) throws IOException {
        copy(in, n, false);
    }

    private void copy(InputStream in, long n, boolean noNul) throws IOException {
        lock.lock();
        try {
            OutputStream out = conn.output();
            byte[] buf = new byte[64 * 1024];
            long left = n;
            while (left > 0) {
                int k = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (k < 0) throw new IOException("message shorter than its size");
                if (noNul) for (int i = 0; i < k; i++) if (buf[i] == 0) buf[i] = (byte) 0x80;
                out.write(buf, 0, k);
                left -= k;
            }
        } finally {
            lock.unlock();
        }
    }

    void flush() throws IOException {
        lock.lock();
        try {
            conn.flush();
        } finally {
            lock.unlock();
        }
    }
}
