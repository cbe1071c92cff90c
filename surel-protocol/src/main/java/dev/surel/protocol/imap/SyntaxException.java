package dev.surel.protocol.imap;

/**
 * A syntax error in an IMAP command; the message is the BAD text (RFC 9051 §7.1.3), always the
 * parser's own words, never the client's bytes. No stack trace is filled in: it is control flow.
 */
final class SyntaxException extends RuntimeException {
    SyntaxException(String message) {
        super(message, null, false, false);
    }
}
