package dev.surel.protocol.imap;

/**
 * SEARCH named a CHARSET the server does not support: answered {@code NO [BADCHARSET]}
 * (RFC 9051 §6.4.4), not BAD. Control flow only, without a stack trace.
 */
final class BadCharsetException extends RuntimeException {
    BadCharsetException() {
        super(null, null, false, false);
    }
}
