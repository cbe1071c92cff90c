package dev.surel.protocol.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming MIME parser: one pass over a message's bytes produces its {@link MessageStructure}
 * with exact offsets. Memory is bounded by {@link MimeSettings} (one line prefix, one header block,
 * the tree itself); the body bytes are never kept.
 *
 * <p>Robustness rules (a malformed message is served as well as it can be, never rejected):
 * <ul>
 *   <li>The header ends at the first blank line, at a line that is neither a field nor a
 *       continuation (that line starts the body), at an enclosing boundary, or at end of input
 *       (header-only message, empty body). Bare LF line ends are accepted.</li>
 *   <li>A multipart without a usable boundary, or in which no delimiter line is found, is a
 *       text/plain part (RFC 2045 §5.2, RFC 2046 §5.1.1 guidance). An unterminated multipart ends
 *       at an enclosing boundary or the end of input.</li>
 *   <li>A delimiter line is {@code --boundary} optionally followed by {@code --} and trailing
 *       whitespace; the innermost matching boundary wins, and an enclosing one also ends the inner
 *       parts.</li>
 *   <li>Nesting deeper than {@code maxDepth}, parts beyond {@code maxParts}, and a
 *       message/rfc822 with a base64 or quoted-printable encoding are opaque
 *       application/octet-stream parts.</li>
 * </ul>
 * Thread-safe: each call to {@link #parse} has its own state.
 */
public final class MimeParser {

    private final MimeSettings settings;

    public MimeParser(MimeSettings settings) {
        this.settings = settings;
    }

    /**
     * Parses the message read from {@code in} (not closed). Throws only when reading the stream
     * fails; malformed content never throws.
     */
    public MessageStructure parse(InputStream in) throws IOException {
        return parseChecked(in).structure();
    }

    /**
     * A structure and whether it describes every header field: {@code headerCut} names the first
     * header block longer than {@code maxHeaderBytes} or header line longer than
     * {@code maxLineBytes} (whose fields past the cut are missing from the structure), or is null.
     */
    public record Checked(MessageStructure structure, String headerCut) {
    }

    /** Like {@link #parse}, and says whether a header was cut (see {@link Checked}). */
    public Checked parseChecked(InputStream in) throws IOException {
        Run run = new Run(new LineReader(in, settings.maxLineBytes()));
        Parsed top = run.entity(true, 0, false);
        long size = run.lr.offset();
        return new Checked(new MessageStructure(size, top.part(), top.envelope(), top.fields()), run.headerCut);
    }

    private record Parsed(MimePart part, Envelope envelope, HeaderFields fields) {
    }

    private static final Parameters NONE = Parameters.empty();

    private final class Run {
        final LineReader lr;
        final List<byte[]> boundaries = new ArrayList<>();
        int partCount;
        String headerCut;

        Run(LineReader lr) {
            this.lr = lr;
        }

        Parsed entity(boolean message, int depth, boolean digestChild) throws IOException {
            partCount++;
            long headerStart = lr.offset();
            ByteArrayOutputStream hdr = new ByteArrayOutputStream();
            long bodyStart;
            while (true) {
                if (!lr.next()) {
                    bodyStart = lr.offset();
                    break;
                }
                if (matchBoundary() >= 0) {
                    lr.pushBack();
                    bodyStart = lr.start;
                    break;
                }
                if (lr.isBlank()) {
                    bodyStart = lr.offset();
                    break;
                }
                byte first = lr.line[0];
                boolean continuation = first == ' ' || first == '\t';
                if (!continuation && !looksLikeField()) {
                    lr.pushBack();
                    bodyStart = lr.start;
                    break;
                }
                if (lr.contentLength > lr.kept && headerCut == null) {
                    headerCut = "a header line longer than " + settings.maxLineBytes() + " octets";
                }
                if (hdr.size() + lr.kept + 2 <= settings.maxHeaderBytes()) {
                    hdr.write(lr.line, 0, lr.kept);
                    writeTerminator(hdr);
                } else if (headerCut == null) {
                    headerCut = "a header longer than " + settings.maxHeaderBytes() + " octets";
                }
            }
            long firstBodyLine = lr.consumed();
            HeaderFields fields = HeaderFields.parse(hdr.toByteArray());
            ContentFields content;
            Envelope envelope = null;
            try {
                content = ContentFields.of(fields, digestChild);
            } catch (RuntimeException e) { // defensive: field parsers are lenient and should not throw
                content = digestChild ? ContentFields.defaults().withType("message", "rfc822", NONE)
                        : ContentFields.defaults();
            }
            if (message) {
                try {
                    envelope = Envelope.of(fields);
                } catch (RuntimeException e) {
                    envelope = Envelope.of(HeaderFields.empty());
                }
            }
            boolean mayNest = depth < settings.maxDepth() && partCount < settings.maxParts();
            MimePart part;
            if (content.isMultipart()) {
                String boundary = usableBoundary(content.boundary());
                if (boundary != null && mayNest) {
                    part = multipart(headerStart, bodyStart, firstBodyLine, content, boundary, depth);
                } else {
                    ContentFields demoted = boundary == null
                            ? content.withType("text", "plain", ContentFields.US_ASCII)
                            : content.withType("application", "octet-stream", NONE);
                    part = single(headerStart, bodyStart, firstBodyLine, demoted);
                }
            } else if (content.isMessage()) {
                boolean identity = switch (content.encoding()) {
                    case "7bit", "8bit", "binary" -> true;
                    default -> false;
                };
                if (identity && mayNest) {
                    Parsed inner = entity(true, depth + 1, false);
                    long[] end = finish(bodyStart, firstBodyLine, inner.part().bodyEnd());
                    part = new MimePart.Message(headerStart, bodyStart, end[0], content, end[1], inner.envelope(),
                            inner.part());
                } else {
                    part = single(headerStart, bodyStart, firstBodyLine,
                            content.withType("application", "octet-stream", NONE));
                }
            } else {
                part = single(headerStart, bodyStart, firstBodyLine, content);
            }
            return new Parsed(part, envelope, message ? fields : null);
        }

        private MimePart single(long headerStart, long bodyStart, long firstBodyLine, ContentFields content)
                throws IOException {
            long[] end = finish(bodyStart, firstBodyLine, bodyStart);
            return new MimePart.Single(headerStart, bodyStart, end[0], content, end[1]);
        }

        private MimePart multipart(long headerStart, long bodyStart, long firstBodyLine, ContentFields content,
                String boundary, int depth) throws IOException {
            boundaries.add(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
            int mine = boundaries.size() - 1;
            boolean digest = content.subtype().equals("digest");
            List<MimePart> children = new ArrayList<>();
            while (lr.next()) {
                int m = matchBoundary();
                if (m < 0) {
                    continue; // preamble
                }
                if (m >> 1 != mine) {
                    lr.pushBack(); // an enclosing boundary: this multipart is unterminated
                    break;
                }
                if ((m & 1) == 1 || partCount >= settings.maxParts()) {
                    break; // close delimiter (or too many parts: the rest is epilogue)
                }
                children.add(entity(false, depth + 1, digest).part());
            }
            boundaries.remove(mine);
            long[] end = finish(bodyStart, firstBodyLine,
                    children.isEmpty() ? bodyStart : children.get(children.size() - 1).bodyEnd());
            if (children.isEmpty()) {
                return new MimePart.Single(headerStart, bodyStart, end[0],
                        content.withType("text", "plain", ContentFields.US_ASCII), end[1]);
            }
            return new MimePart.Multipart(headerStart, bodyStart, end[0], content, children);
        }

        /**
         * Skips to the next enclosing boundary line (left pending) or end of input and returns
         * {bodyEnd, lines} of a body that started at {@code bodyStart}. The end is at least
         * {@code minEnd} (the end of the last nested part): when a nested part's header blank line
         * is the line break before the delimiter, the nested part keeps it and so does its parent.
         */
        private long[] finish(long bodyStart, long firstBodyLine, long minEnd) throws IOException {
            boolean atBoundary = false;
            while (lr.next()) {
                if (matchBoundary() >= 0) {
                    lr.pushBack();
                    atBoundary = true;
                    break;
                }
            }
            if (!atBoundary) {
                return new long[] {Math.max(minEnd, lr.offset()), Math.max(0, lr.consumed() - firstBodyLine)};
            }
            long idx = lr.index;
            long bodyEnd = Math.max(minEnd, lr.start - lr.prevTermLength);
            long lines = idx - firstBodyLine;
            if (lines > 0 && lr.prevContentLength == 0) {
                lines--;
            }
            return new long[] {bodyEnd, Math.max(0, lines)};
        }

        /** -1, or (index of the innermost matching boundary) * 2 + (1 when it is a close delimiter). */
        private int matchBoundary() {
            if (boundaries.isEmpty() || lr.kept < 2 || lr.line[0] != '-' || lr.line[1] != '-'
                    || lr.contentLength > lr.kept) {
                return -1;
            }
            for (int i = boundaries.size() - 1; i >= 0; i--) {
                byte[] b = boundaries.get(i);
                if (lr.kept < b.length || !startsWith(lr.line, b)) {
                    continue;
                }
                int p = b.length;
                boolean close = false;
                if (p + 1 < lr.kept && lr.line[p] == '-' && lr.line[p + 1] == '-') {
                    close = true;
                    p += 2;
                }
                if (allWhitespace(lr.line, p, lr.kept)) {
                    return i * 2 + (close ? 1 : 0);
                }
            }
            return -1;
        }

        private boolean looksLikeField() {
            int n = lr.kept;
            for (int i = 0; i < n; i++) {
                byte c = lr.line[i];
                if (c == ':') {
                    return i > 0;
                }
                if (c <= 32 || c == 127) {
                    // allow whitespace between the name and the colon ("Subject : x")
                    int j = i;
                    while (j < n && (lr.line[j] == ' ' || lr.line[j] == '\t')) {
                        j++;
                    }
                    return i > 0 && j < n && lr.line[j] == ':';
                }
            }
            return false;
        }

        private void writeTerminator(ByteArrayOutputStream out) {
            if (lr.termLength == 2) {
                out.write('\r');
            }
            if (lr.termLength >= 1) {
                out.write('\n');
            }
        }
    }

    private static String usableBoundary(String b) {
        if (b == null) {
            return null;
        }
        String s = b.stripTrailing();
        if (s.isEmpty() || s.length() > 200) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32 || c > 126) {
                return null;
            }
        }
        return s;
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allWhitespace(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
