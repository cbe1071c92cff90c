package dev.surel.store.sql;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.mime.StructureCodec;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MIME structure of stored messages (envelope, parts with byte offsets: what IMAP's
 * ENVELOPE, BODYSTRUCTURE and BODY[section] need), computed once per blob while spooling, i.e.
 * outside the write lock, and kept encoded in {@code blobs.structure}. The parser never fails on
 * a malformed message (it describes it as well as it can), so computing a structure never fails a
 * delivery; an I/O error only leaves the column empty, and {@link #parse} fills it on first use.
 * A message whose header the parser would have to cut is refused instead (see {@link #encode}).
 */
final class MessageStructures {

    private static final Logger log = LoggerFactory.getLogger(MessageStructures.class);

    private final MimeParser parser;

    MessageStructures(MimeSettings mime) {
        this.parser = new MimeParser(mime);
    }

    /**
     * The encoded structure of the bytes {@code open} yields, or null when they cannot be read.
     *
     * @throws StoreException.BadMessage ({@code HEADER}) when a header block or header line is
     *         longer than the parser keeps ({@link MimeSettings}): the structure would miss fields
     *         that BODY[HEADER] shows, so SEARCH and HEADER.FIELDS would answer wrongly
     */
    byte[] encode(Supplier<InputStream> open) {
        MimeParser.Checked checked;
        try (InputStream in = open.get()) {
            checked = parser.parseChecked(in);
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("cannot compute the MIME structure now (it will be on first use): {}", e.toString());
            return null;
        }
        if (checked.headerCut() != null) {
            throw new StoreException.BadMessage("message refused: " + checked.headerCut(), StoreException.BadMessage.Reason.HEADER);
        }
        return StructureCodec.encode(checked.structure());
    }

    /** Decodes a stored structure; null when absent or unreadable (then {@link #parse} again). */
    MessageStructure decode(byte[] encoded) {
        if (encoded == null) return null;
        try {
            return StructureCodec.decode(encoded);
        } catch (IOException e) {
            log.warn("stored MIME structure unreadable, parsing the message again: {}", e.getMessage());
            return null;
        }
    }

    MessageStructure parse(InputStream in) throws IOException {
        return parser.parse(in);
    }
}
