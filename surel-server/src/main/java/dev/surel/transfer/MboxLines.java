package dev.surel.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an mbox file as lines (each with its LF, or CR LF), without ever holding more than
 * {@link #MAX} octets: a longer line comes in pieces, only the first of which
 * {@link #atLineStart()}. Only line starts matter to mbox ("From " separators, ">From "
 * escapes, header fields).
 */
final class MboxLines {

    static final int MAX = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private long offset;

    /** The current piece: {@code line[0..length)}. */
    final byte[] line = new byte[MAX];
    int length;
    private boolean lineStart = true;
    private boolean nextStartsLine = true;

    MboxLines(InputStream in) {
        this.in = in;
    }

    /** Reads the next piece; false at the end of the file. */
    boolean next() throws IOException {
        lineStart = nextStartsLine;
        length = 0;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    nextStartsLine = true;
                    return length > 0;
                }
            }
            byte c = buf[pos++];
            offset++;
            line[length++] = c;
            if (c == '\n') {
                nextStartsLine = true;
                return true;
            }
            if (length == MAX) {
                nextStartsLine = false;
                return true;
            }
        }
    }

    /** True when the current piece begins a line. */
    boolean atLineStart() {
        return lineStart;
    }

    /** True when the current piece is a whole empty line (LF or CR LF). */
    boolean isBlank() {
        return lineStart && ((length == 1 && line[0] == '\n') || (length == 2 && line[0] == '\r' && line[1] == '\n'));
    }

    /** True when the current piece is a line beginning with {@code prefix} (ASCII). */
    boolean startsWith(String prefix) {
        if (!lineStart || length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (line[i] != prefix.charAt(i)) return false;
        return true;
    }

    /** Octets read so far. */
    long offset() {
        return offset;
    }
}
