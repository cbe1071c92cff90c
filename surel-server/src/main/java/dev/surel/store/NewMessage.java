package dev.surel.store;

import java.io.InputStream;
import java.time.OffsetDateTime;

/**
 * A message to append. The content is read to its end (and not closed) by the store, streamed
 * into a temp blob with bare CR and bare LF turned into CRLF; the size is that of the result.
 *
 * @param internalDate the internal date with its offset; null means "now, UTC"
 */
public record NewMessage(InputStream content, Flags flags, OffsetDateTime internalDate) {
    public NewMessage {
        if (content == null) throw new IllegalArgumentException("content");
        if (flags == null) flags = Flags.NONE;
    }

    public static NewMessage of(InputStream content) {
        return new NewMessage(content, Flags.NONE, null);
    }
}
