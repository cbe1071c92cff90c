package dev.surel.protocol.imap;

/**
 * One FETCH data item (RFC 9051 §6.4.5, RFC 3501 §6.4.5). The macros ALL, FAST and FULL are
 * expanded by the parser.
 */
public sealed interface FetchItem {
    record Envelope() implements FetchItem { }

    record Flags() implements FetchItem { }

    record InternalDate() implements FetchItem { }

    record Rfc822Size() implements FetchItem { }

    record Uid() implements FetchItem { }

    /** BODY (non-extensible BODYSTRUCTURE) or BODYSTRUCTURE ({@code extensible} true). */
    record Structure(boolean extensible) implements FetchItem { }

    /** RFC822 (= BODY[]), RFC822.HEADER (= BODY.PEEK[HEADER]), RFC822.TEXT (= BODY[TEXT]): answered under their own names. */
    record Rfc822(Rfc822Part part) implements FetchItem { }

    enum Rfc822Part { WHOLE, HEADER, TEXT }

    /** BODY[section]&lt;partial&gt; or BODY.PEEK[...]. */
    record Body(BodySection section, boolean peek) implements FetchItem { }

    /** RFC 7162 §3.1.4.1 MODSEQ. */
    record Modseq() implements FetchItem { }

    /**
     * RFC 3516 BINARY[part]&lt;partial&gt; or BINARY.PEEK[...]: the part's content decoded from its
     * Content-Transfer-Encoding. {@code section} has kind CONTENT (a part path, empty: the whole
     * message) and perhaps a partial.
     */
    record Binary(BodySection section, boolean peek) implements FetchItem {
        public Binary {
            if (section.kind() != BodySection.Kind.CONTENT) throw new IllegalArgumentException("BINARY takes part numbers only");
        }
    }

    /** RFC 3516 BINARY.SIZE[part]: the decoded size of a part (empty path: the whole message). */
    record BinarySize(java.util.List<Integer> path) implements FetchItem {
        public BinarySize { path = java.util.List.copyOf(path); }
    }
}
