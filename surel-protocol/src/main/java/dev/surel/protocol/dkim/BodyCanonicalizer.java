package dev.surel.protocol.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The body canonicalization of RFC 6376 §3.4.3 (simple) and §3.4.4 (relaxed) as a stream: the
 * body goes in, in pieces of any size, and its canonical form comes out into {@code sink}, so a
 * message of any size is hashed in constant memory. Lines end at CRLF only (a bare CR or LF is
 * line content, as in the §3.4 text). Empty lines are held back, counted, until a line with
 * content follows: trailing empty lines are dropped (§3.4.3, §3.4.4). Relaxed: WSP at a line end
 * is dropped and a WSP run inside a line becomes one SP (a run at the line start too). A last
 * line without CRLF gets one; an empty body is CRLF under simple and nothing under relaxed.
 *
 * <p>Not thread-safe. {@link #close()} ends the body (it does not close the sink).
 */
public final class BodyCanonicalizer extends OutputStream {

    private final Canonicalization canon;
    private final OutputStream sink;
    private long pendingEmpty;    // empty lines seen and not yet written
    private boolean lineHasContent;
    private boolean space;        // relaxed: WSP seen since the last content octet of this line
    private boolean pendingCr;    // a CR whose successor decides whether it ends a line
    private boolean anyOutput;
    private boolean closed;
    private final byte[] buf = new byte[8192]; // canonical octets on their way to the sink
    private int used;

    public BodyCanonicalizer(Canonicalization canon, OutputStream sink) {
        this.canon = canon;
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        byte c = (byte) b;
        if (pendingCr) {
            pendingCr = false;
            if (c == '\n') {
                endLine();
                return;
            }
            content((byte) '\r');
        }
        if (c == '\r') {
            pendingCr = true;
        } else if (canon == Canonicalization.RELAXED && (c == ' ' || c == '\t')) {
            space = true;
        } else {
            content(c);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void content(byte c) throws IOException {
        if (!lineHasContent) {
            for (; pendingEmpty > 0; pendingEmpty--) {
                out('\r');
                out('\n');
            }
            lineHasContent = true;
            anyOutput = true;
        }
        if (space) {
            out(' ');
            space = false;
        }
        out(c);
    }

    private void out(int c) throws IOException {
        if (used == buf.length) {
            drain();
        }
        buf[used++] = (byte) c;
    }

    private void drain() throws IOException {
        sink.write(buf, 0, used);
        used = 0;
    }

    private void endLine() throws IOException {
        if (lineHasContent) {
            out('\r');
            out('\n');
        } else {
            pendingEmpty++;
        }
        lineHasContent = false;
        space = false;
    }

    /** Ends the body: a pending CR is content, an unfinished line gets its CRLF. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (pendingCr) {
            pendingCr = false;
            content((byte) '\r');
        }
        if (lineHasContent) {
            out('\r');
            out('\n');
        }
        if (canon == Canonicalization.SIMPLE && !anyOutput) {
            out('\r');
            out('\n');
        }
        drain();
        sink.flush();
    }

    /** {@code body} canonicalized into {@code sink}, in one call. */
    static void canonicalize(Canonicalization canon, byte[] body, OutputStream sink) {
        try (BodyCanonicalizer c = new BodyCanonicalizer(canon, sink)) {
            c.write(body, 0, body.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
