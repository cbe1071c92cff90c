package dev.surel.protocol.pop3;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a multi-line response (RFC 1939 §3): copies message octets to {@code out}, adding
 * a "." before every line that starts with "."; {@link #finish()} ends the last line if needed
 * and writes the terminator ".CRLF". Streams in chunks (never holds a message).
 *
 * <p>Invariant: after {@link #finish()} the peer has seen a response whose only line equal to
 * "." is the terminator. Closing this stream does not close {@code out}.
 */
public final class DotStuffer extends OutputStream {
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};
    private static final byte[] CRLF_TERMINATOR = {'\r', '\n', '.', '\r', '\n'};

    private final OutputStream out;
    private boolean atLineStart = true;
    private boolean finished;

    public DotStuffer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) throw new IOException("multi-line response already finished");
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return;
        int end = off + len;
        int start = off;
        // Only a "." can need stuffing, and only at a line start: find the dots eight octets at a
        // time and look at the octet before each (or at atLineStart for the chunk's first one).
        int i = off;
        while (true) {
            int dot = nextDot(b, i, end);
            if (dot < 0) break;
            if (dot == off ? atLineStart : b[dot - 1] == '\n') {
                out.write(b, start, dot - start);
                out.write('.');
                start = dot; // the original dot follows
            }
            i = dot + 1;
        }
        out.write(b, start, end - start);
        atLineStart = b[end - 1] == '\n';
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long DOTS = 0x2E2E2E2E2E2E2E2EL;
    private static final long LOW = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /** The position of the first "." in {@code b[from, end)}, or -1. */
    static int nextDot(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(b, i) ^ DOTS; // a zero octet where there was a dot
            long found = (x - LOW) & ~x & HIGH; // exact for the lowest zero octet (borrows only go upwards)
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < end; i++) {
            if (b[i] == '.') return i;
        }
        return -1;
    }

    /** Ends an unterminated last line with CRLF and writes the terminator. */
    public void finish() throws IOException {
        if (finished) return;
        finished = true;
        out.write(atLineStart ? TERMINATOR : CRLF_TERMINATOR);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        // the connection's stream stays open
    }
}
