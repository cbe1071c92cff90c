package dev.surel.protocol.imap;

import java.util.List;

/**
 * The section of a {@code BODY[section]<partial>} / {@code BODY.PEEK[...]} / {@code BINARY[...]}
 * fetch item (RFC 9051 §6.4.5): a part path (empty: the whole message), what of it, and for the
 * HEADER.FIELDS forms the field names (as the client wrote them; matched case-insensitively).
 *
 * @param partial the {@code <offset.count>} suffix, or null
 */
public record BodySection(List<Integer> path, Kind kind, List<String> fieldNames, Partial partial) {

    public BodySection {
        path = List.copyOf(path);
        fieldNames = List.copyOf(fieldNames);
        for (int p : path) if (p < 1) throw new IllegalArgumentException("part numbers start at 1");
        boolean fields = kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT;
        if (fields == fieldNames.isEmpty()) throw new IllegalArgumentException("field names go with HEADER.FIELDS only");
        if (kind == Kind.MIME && path.isEmpty()) throw new IllegalArgumentException("MIME needs a part number");
    }

    /** {@code BODY[]}: the whole message. */
    public static BodySection whole() {
        return new BodySection(List.of(), Kind.CONTENT, List.of(), null);
    }

    /** CONTENT is a bare part number (or the whole message for an empty path). */
    public enum Kind { CONTENT, MIME, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT }

    /** {@code <offset.count>} (RFC 9051 §6.4.5): count octets from offset, fewer if the section is shorter. */
    public record Partial(long offset, long count) {
        public Partial {
            if (offset < 0 || count < 1) throw new IllegalArgumentException("bad partial");
        }
    }
}
