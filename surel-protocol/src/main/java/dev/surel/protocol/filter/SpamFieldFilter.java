package dev.surel.protocol.filter;

import dev.surel.protocol.smtp.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes, from a message streaming by, every header field whose name starts with
 * {@code X-Spam-} (any case): such fields arriving from outside are forgeries of the ones
 * Surel adds, and a reader's or Sieve's filter must be able to trust them. Other fields and the
 * body pass unchanged.
 *
 * <p>Only the start of each field is held, until its name is known (the colon, or
 * {@value #MAX_NAME} octets, or the line end); the rest of the field, continuation lines
 * included, then passes or is dropped as it comes. The header section ends at the first line
 * that starts with CR or LF. One instance per message; octets in order.
 */
public final class SpamFieldFilter {
    static final int MAX_NAME = 128;
    private static final byte[] PREFIX = "x-spam-".getBytes(StandardCharsets.US_ASCII);

    private final ByteSink out;
    private final byte[] held = new byte[MAX_NAME];
    private int heldLen;
    private boolean inHeader = true;
    private boolean atLineStart = true;
    private Mode mode = Mode.PASS;
    private int removed;

    private enum Mode { NAME, PASS, DROP }

    public SpamFieldFilter(ByteSink out) {
        this.out = out;
    }

    public void write(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && inHeader) {
            if (atLineStart) {
                byte c = b[i];
                atLineStart = false;
                if (c == ' ' || c == '\t') {
                    if (mode == Mode.NAME) decide(); // a continuation before any colon: decide on what is held
                } else {
                    if (mode == Mode.NAME) decide();
                    if (c == '\r' || c == '\n') {
                        inHeader = false;
                        mode = Mode.PASS;
                        break;
                    }
                    mode = Mode.NAME;
                    heldLen = 0;
                }
            }
            int j = i;
            while (j < end && b[j] != '\n') j++;
            boolean lineEnds = j < end;
            if (lineEnds) j++;
            if (mode == Mode.NAME) {
                int k = i;
                while (k < j && mode == Mode.NAME) {
                    held[heldLen++] = b[k++];
                    if (b[k - 1] == ':' || heldLen == MAX_NAME) decide();
                }
                emit(b, k, j - k);
                if (lineEnds && mode == Mode.NAME) decide();
            } else {
                emit(b, i, j - i);
            }
            if (lineEnds) atLineStart = true;
            i = j;
        }
        if (i < end) out.write(b, i, end - i);
    }

    private void emit(byte[] b, int off, int len) {
        if (len > 0 && mode == Mode.PASS) out.write(b, off, len);
    }

    /** The held start of a field decides whether the whole field passes. */
    private void decide() {
        if (isSpamField()) {
            mode = Mode.DROP;
            removed++;
        } else {
            mode = Mode.PASS;
            out.write(held, 0, heldLen);
        }
        heldLen = 0;
    }

    private boolean isSpamField() {
        if (heldLen < PREFIX.length) return false;
        byte[] start = Arrays.copyOf(held, PREFIX.length);
        for (int i = 0; i < start.length; i++) {
            if (start[i] >= 'A' && start[i] <= 'Z') start[i] += 32;
        }
        return Arrays.equals(start, PREFIX);
    }

    /** Ends the message: a field still undecided is written. */
    public void finish() {
        if (mode == Mode.NAME) decide();
    }

    /** How many fields were removed. */
    public int removed() {
        return removed;
    }
}
