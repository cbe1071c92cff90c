package dev.surel.protocol.smtp;

/**
 * Watches the start of a message (RFC 5322 §2.2, §3.6) as it streams past: counts
 * {@code Received:} fields (RFC 5321 §6.3 loop detection) and notes {@code Date:} and
 * {@code Message-ID:} (RFC 6409 §8.1, §8.3: a submission server adds them when missing), and
 * finds where the header section ends, so fields can be inserted there without holding the
 * message.
 *
 * <p>The header section ends at the first empty line (CRLF CRLF), or at the first line that is
 * not a field (no colon in its first word) — then the message has no header section to speak
 * of and the position is the start of that line. Only the first {@value #NAME_MAX} octets of a
 * field name are looked at. Pure; one instance per message; octets go through {@link #feed}
 * in order.
 */
public final class HeaderScanner {
    static final int NAME_MAX = 64;

    private enum State { LINE_START, NAME, VALUE, CR_IN_VALUE, DONE }

    private State state = State.LINE_START;
    private final StringBuilder name = new StringBuilder(NAME_MAX);
    private boolean nameOverflow;
    private int received;
    private boolean date;
    private boolean messageId;
    private boolean sawField;

    /**
     * Scans octets; returns the index in {@code b} where the header section ends (the start of
     * the empty line, or of the first non-field line), or -1 when it has not ended inside this
     * chunk. After the end every call returns -1 and looks at nothing.
     */
    public int feed(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end && state != State.DONE; i++) {
            byte c = b[i];
            switch (state) {
                case LINE_START -> {
                    if (c == ' ' || c == '\t') {
                        if (sawField) {
                            state = State.VALUE; // folded continuation
                        } else {
                            state = State.DONE;
                            return i;
                        }
                    } else if (c == '\r' || c == '\n') {
                        state = State.DONE;
                        return i;
                    } else {
                        name.setLength(0);
                        nameOverflow = false;
                        state = State.NAME;
                        lineStart = i;
                        nameByte(c);
                    }
                }
                case NAME -> {
                    if (c == ':') {
                        field();
                        state = State.VALUE;
                    } else if (c == '\r' || c == '\n' || c == ' ' && name.isEmpty()) {
                        state = State.DONE; // not a field line
                        return Math.max(off, lineStartInChunk(i, off));
                    } else {
                        nameByte(c);
                    }
                }
                case VALUE -> {
                    if (c == '\r') state = State.CR_IN_VALUE;
                    else if (c == '\n') state = State.LINE_START;
                }
                case CR_IN_VALUE -> state = c == '\n' ? State.LINE_START : (c == '\r' ? State.CR_IN_VALUE : State.VALUE);
                case DONE -> { }
            }
        }
        return -1;
    }

    private int lineStart = -1;

    /** The start of the current line if it lies in this chunk (else the chunk's start). */
    private int lineStartInChunk(int i, int off) {
        return lineStart >= off && lineStart <= i ? lineStart : off;
    }

    private void nameByte(byte c) {
        if (name.length() < NAME_MAX) name.append((char) (c & 0xff));
        else nameOverflow = true;
    }

    private void field() {
        sawField = true;
        if (nameOverflow) return;
        String n = name.toString().strip();
        if (n.equalsIgnoreCase("Received")) received++;
        else if (n.equalsIgnoreCase("Date")) date = true;
        else if (n.equalsIgnoreCase("Message-ID")) messageId = true;
    }

    /** True once the end of the header section was found. */
    public boolean done() {
        return state == State.DONE;
    }

    public int receivedCount() {
        return received;
    }

    public boolean hasDate() {
        return date;
    }

    public boolean hasMessageId() {
        return messageId;
    }
}
