package dev.surel.protocol.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ordered fields of one header block (RFC 5322 §2.2), each with its exact raw bytes, and the
 * field selection IMAP needs for {@code BODY[HEADER.FIELDS (..)]} and {@code HEADER.FIELDS.NOT}
 * (RFC 9051 §6.4.5).
 *
 * <p>Invariant: concatenating the raw bytes of all fields gives the header block without its
 * terminating blank line (except lines dropped because the block exceeded its cap).
 */
public record HeaderFields(List<HeaderField> fields) {

    private static final byte[] CRLF = {'\r', '\n'};

    public HeaderFields {
        fields = List.copyOf(fields);
    }

    public static HeaderFields empty() {
        return new HeaderFields(List.of());
    }

    /**
     * Parses a header block (as found in {@code [headerStart, bodyStart)}); the blank line that ends
     * it, if present, is not a field. Never throws: a line that is neither a field nor a
     * continuation is kept as a field with an empty name.
     */
    public static HeaderFields parse(byte[] block) {
        return parse(block, block.length);
    }

    /**
     * Reads one header block from a stream positioned at its start (e.g. the blob at a part's
     * header offset) up to and including the blank line that ends it, keeping at most
     * {@code settings.maxHeaderBytes()} bytes (lines longer than {@code settings.maxLineBytes()} are
     * cut). Reads no further than the blank line (plus the stream's own read-ahead: pass a stream
     * bounded to the header range when the position matters). Never throws on malformed content.
     */
    public static HeaderFields read(InputStream in, MimeSettings settings) throws IOException {
        LineReader lr = new LineReader(in, settings.maxLineBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (lr.next() && !lr.isBlank()) {
            if (out.size() + lr.kept + 2 <= settings.maxHeaderBytes()) {
                out.write(lr.line, 0, lr.kept);
                if (lr.termLength == 2) {
                    out.write('\r');
                }
                if (lr.termLength >= 1) {
                    out.write('\n');
                }
            }
        }
        return parse(out.toByteArray());
    }

    static HeaderFields parse(byte[] block, int length) {
        List<HeaderField> out = new ArrayList<>();
        int i = 0;
        while (i < length) {
            int lineEnd = lineEnd(block, i, length);
            if (isBlankLine(block, i, lineEnd)) {
                break; // the separator
            }
            int end = lineEnd;
            while (end < length && (block[end] == ' ' || block[end] == '\t')) {
                end = lineEnd(block, end, length);
            }
            byte[] raw = java.util.Arrays.copyOfRange(block, i, end);
            out.add(new HeaderField(nameOf(raw), raw));
            i = end;
        }
        return new HeaderFields(out);
    }

    private static int lineEnd(byte[] b, int from, int length) {
        for (int j = from; j < length; j++) {
            if (b[j] == '\n') {
                return j + 1;
            }
        }
        return length;
    }

    private static boolean isBlankLine(byte[] b, int from, int to) {
        int n = to - from;
        return (n == 1 && b[from] == '\n') || (n == 2 && b[from] == '\r' && b[from + 1] == '\n');
    }

    static String nameOf(byte[] raw) {
        for (int j = 0; j < raw.length; j++) {
            byte c = raw[j];
            if (c == ':') {
                return new String(raw, 0, j, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
            }
            if (c == '\r' || c == '\n') {
                break;
            }
        }
        return "";
    }

    /** The first field with this name (case-insensitive). */
    public Optional<HeaderField> first(String name) {
        for (HeaderField f : fields) {
            if (f.is(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** All fields with this name, in order. */
    public List<HeaderField> all(String name) {
        return fields.stream().filter(f -> f.is(name)).toList();
    }

    /** Unfolded value of the first field with this name, or null when absent. */
    public String value(String name) {
        return first(name).map(HeaderField::value).orElse(null);
    }

    /**
     * The bytes IMAP returns for {@code HEADER.FIELDS (names)} ({@code exclude} false) or
     * {@code HEADER.FIELDS.NOT (names)} ({@code exclude} true): the exact raw bytes of the selected
     * fields in message order followed by the blank line (CRLF) that ends a header (RFC 9051
     * §6.4.5). Names compare case-insensitively; a field whose last line lacks a terminator gets a
     * CRLF so the result stays well-formed.
     */
    public byte[] select(Collection<String> names, boolean exclude) {
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField f : fields) {
            if (f.name().isEmpty()) {
                continue; // malformed line: not a named field, never selected
            }
            if (wanted.contains(f.lowerName()) != exclude) {
                byte[] raw = f.rawUnsafe();
                out.write(raw, 0, raw.length);
                if (raw.length == 0 || raw[raw.length - 1] != '\n') {
                    out.write(CRLF, 0, 2);
                }
            }
        }
        out.write(CRLF, 0, 2);
        return out.toByteArray();
    }

    /** Every field as "Name: decoded value" lines, for full-text search of header text. */
    public String decodedText() {
        StringBuilder sb = new StringBuilder();
        for (HeaderField f : fields) {
            if (!f.name().isEmpty()) {
                sb.append(f.name()).append(": ").append(f.decodedValue()).append('\n');
            }
        }
        return sb.toString();
    }
}
