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
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (atLineStart && c == '.') {
                out.write(b, start, i - start);
                out.write('.');
                start = i; // the original dot follows
            }
            atLineStart = c == '\n';
        }
        out.write(b, start, end - start);
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
