package dev.surel.smtp;

import dev.surel.protocol.smtp.SmtpReply;

/** Replies used by several handlers (RFC 5321 §4.2.2, RFC 3463 enhanced codes). */
final class Replies {
    private Replies() {
    }

    /** A handler that has already written what it had to (STARTTLS): nothing more to send. */
    static final SmtpReply NONE = SmtpReply.plain(250, "(no reply)");
    static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "Ok");
    static final SmtpReply BAD_SEQUENCE_HELO = SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first");
    static final SmtpReply BAD_SEQUENCE_MAIL = SmtpReply.of(503, "5.5.1", "Send MAIL first");
    static final SmtpReply NESTED_MAIL = SmtpReply.of(503, "5.5.1", "Nested MAIL command");
    static final SmtpReply NO_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");
    static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    static final SmtpReply TOO_BIG = SmtpReply.of(552, "5.3.4", "Message too big for system");
    /** RFC 3463 5.3.4: a header block or header line over the store's limits ({@code [mime] max_header_bytes}, {@code max_line_bytes}). */
    static final SmtpReply HEADER_TOO_BIG = SmtpReply.of(552, "5.3.4", "Message header too large for system");
    static final SmtpReply BARE_LINE_ENDING = SmtpReply.of(550, "5.6.0",
            "Message refused: bare CR or LF in the data (RFC 5321 section 2.3.8)");
    static final SmtpReply LOCAL_ERROR = SmtpReply.of(451, "4.3.0", "Local error in processing, try again later");
    /** RFC 5321 §4.2.3 452, RFC 3463 X.3.1 "mail system full": the disk (or its reserve) is full. */
    static final SmtpReply INSUFFICIENT_STORAGE = SmtpReply.of(452, "4.3.1", "Insufficient system storage, try again later");

    /**
     * The reply for a store that cannot write now (nothing was accepted): a full disk is
     * 452 4.3.1, a read-only or failing one 451 4.3.0; both temporary, the client retries.
     */
    static SmtpReply storeUnavailable(dev.surel.store.StoreException.Unavailable e) {
        return switch (e.reason()) {
            case DISK_FULL -> INSUFFICIENT_STORAGE;
            case READ_ONLY, IO_ERROR -> LOCAL_ERROR;
        };
    }
    static final SmtpReply LINE_TOO_LONG = SmtpReply.of(500, "5.5.2", "Line too long");
    static final SmtpReply TOO_MANY_ERRORS = SmtpReply.of(421, "4.7.0", "Too many errors, closing connection");
}
