package dev.surel.protocol.smtp;

/**
 * Watches BDAT chunks (RFC 3030 §2) for bare CR and bare LF (RFC 5321 §2.3.8): chunk content is
 * taken verbatim (no dot-stuffing, no end marker), but a CR must be followed by LF and an LF
 * preceded by CR, across chunk boundaries. A CR that ends the last chunk is bare. Pure; one
 * instance per message.
 */
public final class BareLineEndings {
    private boolean pendingCr;
    private boolean bare;

    /** Looks at the next octets of the message. */
    public void scan(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                if (c != '\n') bare = true;
                else continue;
            }
            if (c == '\r') {
                pendingCr = true;
            } else if (c == '\n') {
                bare = true;
            }
        }
    }

    /** The message is complete: a trailing CR is bare. */
    public void finish() {
        if (pendingCr) bare = true;
        pendingCr = false;
    }

    /** True when a bare CR or LF was seen. */
    public boolean found() {
        return bare;
    }
}
