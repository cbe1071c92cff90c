package dev.surel.protocol.authres;

import dev.surel.protocol.smtp.ByteSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes, from a message streaming by, every {@code Authentication-Results} field whose
 * authserv-id is ours (RFC 8601 §5: a border MTA removes such fields arriving from outside, so
 * that a reader can trust the ones carrying our id). Fields with another authserv-id, and the
 * body, pass unchanged.
 *
 * <p>Each header field is held until its end (the next line that does not start with WSP) and
 * then written or dropped; the body passes straight through. Memory is bounded by
 * {@code maxField}: a longer field is decided on what has been seen (an
 * {@code Authentication-Results} field that long is dropped whole, any other is written out and
 * the rest of it passed through). The header section ends at the first line that starts with
 * CR or LF. One instance per message; octets in order.
 */
public final class OwnResultsFilter {
    private static final String NAME = "Authentication-Results";

    private final String ourId;
    private final ByteSink out;
    private final int maxField;
    private final ByteArrayOutputStream field = new ByteArrayOutputStream(256);
    private boolean inHeader = true;
    private boolean atLineStart = true;
    private boolean haveField;
    private Mode mode = Mode.HOLD;
    private int removed;

    private enum Mode { HOLD, PASS, DROP }

    public OwnResultsFilter(String ourId, ByteSink out, int maxField) {
        this.ourId = ourId;
        this.out = out;
        this.maxField = maxField;
    }

    public void write(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && inHeader) {
            byte c = b[i];
            if (atLineStart) {
                if ((c == ' ' || c == '\t') && haveField) {
                    atLineStart = false; // a continuation line of the current field
                } else {
                    endField();
                    if (c == '\r' || c == '\n') {
                        inHeader = false; // the empty line (or a bare line end): the body follows
                        break;
                    }
                    haveField = true;
                    atLineStart = false;
                }
            }
            int j = i;
            while (j < end && b[j] != '\n') {
                j++;
            }
            if (j < end) {
                j++; // include the LF
                atLineStart = true;
            }
            fieldBytes(b, i, j - i);
            i = j;
        }
        if (i < end) {
            out.write(b, i, end - i);
        }
    }

    private void fieldBytes(byte[] b, int off, int len) {
        switch (mode) {
            case PASS -> out.write(b, off, len);
            case DROP -> { }
            case HOLD -> {
                field.write(b, off, len);
                if (field.size() > maxField) {
                    if (isResults(field.toString(StandardCharsets.ISO_8859_1))) {
                        mode = Mode.DROP;
                        removed++;
                    } else {
                        mode = Mode.PASS;
                        out.write(field.toByteArray(), 0, field.size());
                    }
                    field.reset();
                }
            }
        }
    }

    /** Writes or drops the field held so far, and starts afresh. */
    private void endField() {
        if (mode == Mode.HOLD && field.size() > 0) {
            String text = field.toString(StandardCharsets.ISO_8859_1);
            int colon = text.indexOf(':');
            if (isResults(text) && colon > 0 && AuthservId.claims(text.substring(colon + 1), ourId)) {
                removed++;
            } else {
                out.write(field.toByteArray(), 0, field.size());
            }
        }
        field.reset();
        mode = Mode.HOLD;
        haveField = false;
    }

    private static boolean isResults(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && text.substring(0, colon).strip().equalsIgnoreCase(NAME);
    }

    /** Ends the message (a message that is all header: its last field is decided now). */
    public void finish() {
        if (inHeader) {
            endField();
        }
    }

    /** How many fields were removed. */
    public int removed() {
        return removed;
    }
}
