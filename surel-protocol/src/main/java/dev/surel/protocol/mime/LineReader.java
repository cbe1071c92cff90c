package dev.surel.protocol.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream line by line while tracking exact byte offsets. A line ends after LF (CRLF or a
 * tolerated bare LF) or at end of stream. Only the first {@code cap} content bytes of a line are
 * kept; the rest is counted. One line can be pushed back.
 *
 * <p>Invariants: {@link #offset()} is the offset just after the last consumed line; lines are
 * numbered from 0 in stream order; memory is bounded by the read buffer plus {@code cap}.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int bufPos;
    private int bufLen;
    private long bufBase; // stream offset of buf[0]
    private boolean eof;

    final byte[] line;
    /** Content bytes kept in {@link #line} (excluding the terminator). */
    int kept;
    /** Content length of the current line (excluding the terminator), possibly larger than kept. */
    long contentLength;
    /** Terminator length of the current line: 2 (CRLF), 1 (LF) or 0 (end of stream). */
    int termLength;
    /** Offset of the first byte of the current line. */
    long start;
    /** Index of the current line. */
    long index = -1;

    /** Content length and terminator length of the line before the current one (-1: none). */
    long prevContentLength = -1;
    int prevTermLength;

    private boolean pushedBack;
    private boolean atEnd;

    LineReader(InputStream in, int cap) {
        this.in = in;
        this.line = new byte[cap];
    }

    /** Advances to the next line; false at end of stream (no line). */
    boolean next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            return true;
        }
        if (atEnd) {
            return false;
        }
        long lineStart = bufBase + bufPos;
        int k = 0;
        long len = 0;
        boolean sawLf = false;
        while (true) {
            if (bufPos == bufLen && !fill()) {
                break;
            }
            byte b = buf[bufPos++];
            len++;
            if (b == '\n') {
                sawLf = true;
                break;
            }
            if (k < line.length) {
                line[k++] = b;
            }
        }
        if (len == 0) {
            atEnd = true;
            return false;
        }
        if (index >= 0) {
            prevContentLength = contentLength;
            prevTermLength = termLength;
        }
        index++;
        start = lineStart;
        if (sawLf) {
            long content = len - 1;
            boolean cr = content > 0 && (content <= k ? line[(int) content - 1] == '\r' : lastByteBeforeLfWasCr());
            termLength = cr ? 2 : 1;
            contentLength = content - (cr ? 1 : 0);
            if (cr && content <= k) {
                k--;
            }
            kept = (int) Math.min(k, contentLength);
        } else {
            termLength = 0;
            contentLength = len;
            kept = k;
        }
        return true;
    }

    private boolean lastByteBeforeLfWasCr() {
        // the LF is at bufPos-1 in the buffer unless a refill happened exactly between; we keep the
        // previous byte across refills in lastByte for that case
        int lfPos = bufPos - 1;
        return lfPos > 0 ? buf[lfPos - 1] == '\r' : lastByteOfPreviousFill == '\r';
    }

    private int lastByteOfPreviousFill = -1;

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (bufLen > 0) {
            lastByteOfPreviousFill = buf[bufLen - 1];
        }
        bufBase += bufLen;
        bufPos = 0;
        bufLen = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        bufLen = n;
        return true;
    }

    /** The next call to {@link #next()} returns the current line again. */
    void pushBack() {
        pushedBack = true;
    }

    /** Offset just after the last consumed line. */
    long offset() {
        return pushedBack ? start : bufBase + bufPos;
    }

    /** Number of lines consumed so far. */
    long consumed() {
        return pushedBack ? index : index + 1;
    }

    boolean isBlank() {
        return contentLength == 0;
    }
}
