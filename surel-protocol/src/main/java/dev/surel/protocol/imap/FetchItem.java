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
}
