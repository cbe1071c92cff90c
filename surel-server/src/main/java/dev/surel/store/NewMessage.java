package dev.surel.store;

import java.io.InputStream;
import java.time.OffsetDateTime;

/**
 * A message to append, given either as a stream or as an already spooled blob
 * ({@link MailStore#spool}; protocols spool APPEND literals and SMTP DATA before building their
 * command records). A stream is read to its end (not closed), with bare CR and bare LF turned
 * into CRLF; the size is that of the result. A spooled blob stays owned by the caller, who
 * closes it after the appends (it may be appended to several mailboxes or accounts).
 *
 * @param content      the raw message, or null when {@code spooled} is given
 * @param spooled      the spooled canonical message, or null when {@code content} is given
 * @param internalDate the internal date with its offset; null means "now, UTC"
 */
public record NewMessage(InputStream content, SpooledMessage spooled, Flags flags, OffsetDateTime internalDate) {
    public NewMessage {
        if ((content == null) == (spooled == null)) throw new IllegalArgumentException("give exactly one of content and spooled");
        if (flags == null) flags = Flags.NONE;
    }

    public NewMessage(InputStream content, Flags flags, OffsetDateTime internalDate) {
        this(content, null, flags, internalDate);
    }

    public NewMessage(SpooledMessage spooled, Flags flags, OffsetDateTime internalDate) {
        this(null, spooled, flags, internalDate);
    }

    public static NewMessage of(InputStream content) {
        return new NewMessage(content, null, Flags.NONE, null);
    }

    public static NewMessage of(SpooledMessage spooled) {
        return new NewMessage(null, spooled, Flags.NONE, null);
    }
}
