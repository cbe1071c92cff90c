package dev.surel.protocol.pop3;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What TOP sends of a message (RFC 1939 §7): the header, the blank line that ends it, and at
 * most {@code lines} lines of the body; the rest is dropped. {@code TOP n 0} is the header and
 * the blank line. A message without a blank line is all header. Feed it the stored CRLF
 * octets; {@link #satisfied()} tells the caller it may stop reading.
 */
public final class TopFilter extends OutputStream {
    private final OutputStream out;
    private long bodyLinesLeft;
    private boolean inHeader = true;
    private boolean atLineStart = true;
    private int lineLength; // octets of the current line before its LF, CR excluded

    public TopFilter(OutputStream out, long lines) {
        if (lines < 0) throw new IllegalArgumentException("lines must be >= 0");
        this.out = out;
        this.bodyLinesLeft = lines;
    }

    /** True once nothing more will be passed on. */
    public boolean satisfied() {
        return !inHeader && atLineStart && bodyLinesLeft == 0;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (satisfied()) {
                out.write(b, start, i - start);
                return;
            }
            byte c = b[i];
            if (c == '\n') {
                if (inHeader) {
                    if (lineLength == 0) inHeader = false;
                } else {
                    bodyLinesLeft--;
                }
                lineLength = 0;
                atLineStart = true;
            } else {
                if (c != '\r') lineLength++;
                atLineStart = false;
            }
        }
        out.write(b, start, end - start);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        // the caller's stream stays open
    }
}
