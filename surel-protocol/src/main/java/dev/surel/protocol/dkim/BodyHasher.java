package dev.surel.protocol.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The body hash of RFC 6376 §3.7 computed as the body streams by: canonicalization (§3.4.3
 * simple, §3.4.4 relaxed) done octet by octet, and only the first {@code l=} canonical octets
 * hashed (§3.5 l=). Memory is constant: no line is buffered, trailing empty lines are a count.
 * The output is the same as {@link Canonicalization#body(byte[])} hashed (a test compares them).
 */
final class BodyHasher {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Canonicalization canon;
    private final long limit;
    private final MessageDigest sha;
    private final byte[] buf = new byte[8192];
    private int bufLen;
    /** Canonical octets produced (all of them, also past the limit). */
    private long produced;
    /** Empty lines seen and not yet written (they are dropped if nothing follows, §3.4.3/§3.4.4). */
    private long pendingEmpty;
    private boolean lineStarted;
    private boolean sawCr;
    private boolean pendingSpace;
    private boolean finished;

    /** @param limit l= (canonical octets to hash), or -1 for the whole body */
    BodyHasher(Canonicalization canon, long limit) {
        this.canon = canon;
        this.limit = limit;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void write(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (sawCr) {
                sawCr = false;
                if (c == '\n') {
                    endLine();
                    continue;
                }
                content((byte) '\r'); // a CR not followed by LF is line content
            }
            if (c == '\r') {
                sawCr = true;
            } else if (canon == Canonicalization.RELAXED && (c == ' ' || c == '\t')) {
                pendingSpace = true;
            } else {
                content(c);
            }
        }
    }

    private void content(byte c) {
        if (pendingSpace) {
            pendingSpace = false;
            content0((byte) ' ');
        }
        content0(c);
    }

    private void content0(byte c) {
        if (!lineStarted) {
            for (; pendingEmpty > 0; pendingEmpty--) {
                out(CRLF[0]);
                out(CRLF[1]);
            }
            lineStarted = true;
        }
        out(c);
    }

    private void endLine() {
        pendingSpace = false; // WSP at the end of a line is removed (relaxed)
        if (lineStarted) {
            out((byte) '\r');
            out((byte) '\n');
            lineStarted = false;
        } else {
            pendingEmpty++;
        }
    }

    private void out(byte c) {
        if (limit < 0 || produced < limit) {
            buf[bufLen++] = c;
            if (bufLen == buf.length) {
                sha.update(buf, 0, bufLen);
                bufLen = 0;
            }
        }
        produced++;
    }

    /** Ends the body; then {@link #hash} and {@link #length} are known. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (sawCr) {
            sawCr = false;
            content((byte) '\r');
        }
        pendingSpace = false;
        if (lineStarted) {
            out((byte) '\r');
            out((byte) '\n');
            lineStarted = false;
        }
        if (canon == Canonicalization.SIMPLE && produced == 0) {
            out((byte) '\r');
            out((byte) '\n');
        }
        sha.update(buf, 0, bufLen);
        bufLen = 0;
    }

    /** SHA-256 of the canonical body, up to l=. */
    byte[] hash() {
        return sha.digest();
    }

    /** The canonical body's whole length (also past l=). */
    long length() {
        return produced;
    }
}
