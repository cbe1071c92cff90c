package dev.surel.protocol.imap;

/** What {@link ImapParser#parse} made of a command. */
public sealed interface ParseResult {

    /** A well-formed command. */
    record Ok(String tag, ImapCommand command) implements ParseResult { }

    /**
     * A syntax error: answered {@code tag BAD text} ({@code * BAD} when no tag could be read).
     * The text is the parser's own, never the client's bytes.
     */
    record Bad(String tag, String text) implements ParseResult { }

    /** SEARCH with a charset the server does not know: {@code NO [BADCHARSET (...)]} (RFC 9051 §6.4.4). */
    record BadCharset(String tag) implements ParseResult { }
}
