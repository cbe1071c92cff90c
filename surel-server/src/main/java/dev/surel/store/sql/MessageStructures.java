package dev.surel.store.sql;

import dev.surel.protocol.imap.fetch.PreparedFetch;
import dev.surel.protocol.imap.search.HeaderSearchTexts;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.mime.StructureCodec;
import dev.surel.store.MessageItems;
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
 * With the structure come the message's {@link MessageItems} (V15 {@code blob_items}: rendered
 * ENVELOPE/BODY/BODYSTRUCTURE and SEARCH texts), so FETCH and SEARCH need no decode;
 * {@link #decoded()} counts the structures decoded or parsed since the store opened.
 */
final class MessageStructures {

    private static final Logger log = LoggerFactory.getLogger(MessageStructures.class);

    private final MimeParser parser;
    private final java.util.concurrent.atomic.AtomicLong decoded = new java.util.concurrent.atomic.AtomicLong();

    /** A structure computed while spooling: the encoded form and the items it gives. */
    record Computed(byte[] structure, MessageItems items) { }

    MessageStructures(MimeSettings mime) {
        this.parser = new MimeParser(mime);
    }

    /**
     * The encoded structure of the bytes {@code open} yields and its items, both null when they cannot be read.
     *
     * @throws StoreException.BadMessage ({@code HEADER}) when a header block or header line is
     *         longer than the parser keeps ({@link MimeSettings}): the structure would miss fields
     *         that BODY[HEADER] shows, so SEARCH and HEADER.FIELDS would answer wrongly
     */
    Computed encode(Supplier<InputStream> open) {
        MimeParser.Checked checked;
        try (InputStream in = open.get()) {
            checked = parser.parseChecked(in);
        } catch (IOException | java.io.UncheckedIOException e) {
            log.warn("cannot compute the MIME structure now (it will be on first use): {}", e.toString());
            return new Computed(null, null);
        }
        if (checked.headerCut() != null) {
            throw new StoreException.BadMessage("message refused: " + checked.headerCut(), StoreException.BadMessage.Reason.HEADER);
        }
        return new Computed(StructureCodec.encode(checked.structure()), items(checked.structure()));
    }

    /** The items a structure gives (RFC 9051 §7.5.2 values as sent; SEARCH texts, RFC 9051 §6.4.4). */
    MessageItems items(MessageStructure st) {
        return new MessageItems(PreparedFetch.of(st), HeaderSearchTexts.of(st.header()).encode());
    }

    /** Structures decoded or parsed for reading since the store opened (not those computed while spooling). */
    long decoded() {
        return decoded.get();
    }

    /** Decodes a stored structure; null when absent or unreadable (then {@link #parse} again). */
    MessageStructure decode(byte[] encoded) {
        if (encoded == null) return null;
        decoded.incrementAndGet();
        try {
            return StructureCodec.decode(encoded);
        } catch (IOException e) {
            log.warn("stored MIME structure unreadable, parsing the message again: {}", e.getMessage());
            return null;
        }
    }

    /** Only the top-level header of a stored structure; null when absent or unreadable (then decode or parse it whole). */
    HeaderFields decodeHeader(byte[] encoded) {
        if (encoded == null) return null;
        try {
            return StructureCodec.decodeHeader(encoded);
        } catch (IOException e) {
            return null;
        }
    }

    MessageStructure parse(InputStream in) throws IOException {
        decoded.incrementAndGet();
        return parser.parse(in);
    }
}
