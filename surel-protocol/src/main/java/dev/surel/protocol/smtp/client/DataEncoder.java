package dev.surel.protocol.smtp.client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams message content into the DATA phase: canonical CRLF line ends, dot-stuffing and
 * the line-length limit, without holding the message in memory.
 *
 * <ul>
 * <li>RFC 5321 §4.5.2: a line starting with "." gets one more ".".</li>
 * <li>Line ends: CRLF passes; a bare LF or a bare CR becomes CRLF, so the peer never sees a
 *     bare CR or LF (which some servers treat as an end of line: SMTP smuggling).</li>
 * <li>RFC 5321 §4.5.3.1.6 / RFC 5322 §2.1.1: no line longer than 998 octets is sent. A longer
 *     line is broken after 998 octets: in the header section by CRLF followed by a space (a
 *     folded header, RFC 5322 §2.2.3), in the body by a plain CRLF — what Postfix does with
 *     {@code smtp_line_length_limit}. The part is not re-encoded; the break changes the content
 *     of such a line, which is the lesser harm than an illegal line a peer may refuse or cut.</li>
 * <li>{@link #finish()} ends the last line if needed and writes {@code .CRLF}.</li>
 * </ul>
 * Not thread-safe. {@link #close()} does not close the socket stream.
 *
 * <p>{@link #unstuffed} gives the same content as the peer will have it after removing the
 * transparency dots (RFC 5321 §4.5.2): line ends and breaks exactly as sent (a stuffing dot still
 * counts toward the line length, as on the wire), no dots added and no final {@code .CRLF}. The
 * outbound DKIM signer hashes that, so its signature covers exactly what the peer receives.
 */
public final class DataEncoder extends FilterOutputStream {

    public static final int MAX_LINE = 998;

    private int lineLength; // octets of the current output line, CRLF excluded
    private boolean pendingCr;
    private boolean inHeader = true;
    private boolean lineEmpty = true; // the current input line has no content yet (for the header/body boundary)
    private long foldedLines;
    private final boolean stuff;

    public DataEncoder(OutputStream out) {
        this(out, true);
    }

    private DataEncoder(OutputStream out, boolean stuff) {
        super(out);
        this.stuff = stuff;
    }

    /** The content as the peer has it after unstuffing: the same line breaks, no dots added, no {@code .CRLF}. */
    public static DataEncoder unstuffed(OutputStream out) {
        return new DataEncoder(out, false);
    }

    private void dot() throws IOException {
        if (stuff) out.write('.');
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            endLine();
            if (b == '\n') return;
        }
        if (b == '\r') {
            pendingCr = true;
            return;
        }
        if (b == '\n') {
            endLine();
            return;
        }
        if (lineLength == 0 && b == '.') {
            dot();
            lineLength++;
        }
        if (lineLength >= MAX_LINE) {
            out.write('\r');
            out.write('\n');
            foldedLines++;
            lineLength = 0;
            if (inHeader) {
                out.write(' ');
                lineLength = 1;
            } else if (b == '.') {
                dot();
                lineLength = 1;
            }
        }
        out.write(b);
        lineLength++;
        lineEmpty = false;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) write(b[i]);
    }

    private void endLine() throws IOException {
        out.write('\r');
        out.write('\n');
        if (lineEmpty) inHeader = false; // RFC 5322 §2.1: the first empty line ends the header section
        lineLength = 0;
        lineEmpty = true;
    }

    /** Ends the content: the last line is completed with CRLF when it has none, then ".CRLF" (RFC 5321 §4.1.1.4; not when unstuffed). */
    public void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            endLine();
        }
        if (lineLength > 0) endLine();
        if (stuff) out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }

    /** How many over-long lines were broken (for the delivery log). */
    public long foldedLines() {
        return foldedLines;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
