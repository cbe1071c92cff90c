package dev.surel.protocol.smtp;

/**
 * The content of a DATA command as a byte-level state machine (RFC 5321 §4.1.1.4, §4.5.2):
 * finds the end of the data, removes dot-stuffing, and notices bare CR and bare LF.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The data ends only at {@code <CRLF>.<CRLF>} (or at {@code .<CRLF>} as the very first
 *       line): a line break counts only as CR immediately followed by LF (RFC 5321 §2.3.8).
 *       {@code <LF>.<LF>}, {@code <CR>.<CR>}, {@code <LF>.<CRLF>}, {@code <CRLF>.<LF>},
 *       {@code <CR>.<CRLF>} end nothing: the 2023 "SMTP smuggling" attacks rely on a receiver
 *       that takes one of them for the end.</li>
 *   <li>A CR not followed by LF, or an LF not preceded by CR, anywhere in the data sets
 *       {@link #bareLineEnding()}; the caller reads on to the real end and then refuses the
 *       whole message (550 5.6.0), never answering in the middle of the data.</li>
 *   <li>Dot-unstuffing: a line (after a CRLF) that starts with {@code "."} loses that dot
 *       (RFC 5321 §4.5.2). The terminating CRLF of the last line belongs to the message; the
 *       final {@code ".<CRLF>"} does not.</li>
 *   <li>{@link #feed} never consumes an octet after the end: what follows (pipelined commands)
 *       stays with the caller.</li>
 * </ul>
 * One instance per DATA command; not thread-safe. Pure: no I/O, output goes to a {@link ByteSink}.
 */
public final class DataDecoder {

    private enum State { LINE_START, DOT, DOT_CR, MID, CR, END }

    private State state = State.LINE_START;
    private boolean bare;
    private long octets;
    private byte[] out = new byte[8192 + 4];

    /**
     * Consumes octets of {@code in[off, off+len)} up to and including the end of the data, giving
     * the unstuffed content to {@code sink} (one call per feed at most).
     *
     * @return the number of octets consumed ({@code < len} only when the end was reached)
     */
    public int feed(byte[] in, int off, int len, ByteSink sink) {
        if (out.length < len + 4) out = new byte[len + 4];
        int n = 0;
        int i = off;
        int end = off + len;
        while (i < end && state != State.END) {
            byte b = in[i++];
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        n = mid(b, n);
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else {
                        n = mid(b, n); // the stuffed dot is dropped
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        state = State.END;
                    } else {
                        bare = true; // ".<CR>x": a bare CR
                        out[n++] = '\r';
                        n = mid(b, n);
                    }
                }
                case MID -> n = mid(b, n);
                case CR -> {
                    if (b == '\n') {
                        out[n++] = '\n';
                        state = State.LINE_START;
                    } else {
                        bare = true;
                        n = mid(b, n);
                    }
                }
                case END -> throw new IllegalStateException();
            }
        }
        if (n > 0) {
            octets += n;
            sink.write(out, 0, n);
        }
        return i - off;
    }

    /** One octet inside a line. */
    private int mid(byte b, int n) {
        out[n++] = b;
        if (b == '\r') {
            state = State.CR;
        } else {
            if (b == '\n') bare = true;
            state = State.MID;
        }
        return n;
    }

    /** True once {@code <CRLF>.<CRLF>} has been consumed. */
    public boolean ended() {
        return state == State.END;
    }

    /** True when a bare CR or bare LF was seen (RFC 5321 §2.3.8): the message must be refused. */
    public boolean bareLineEnding() {
        return bare;
    }

    /** Octets of content given to the sink so far (after unstuffing). */
    public long octets() {
        return octets;
    }
}
