package dev.surel.store;

import dev.surel.protocol.imap.fetch.PreparedFetch;

/**
 * What a message's content gives, computed once per content while spooling and kept beside it
 * (issue 16, as Dovecot's cache file keeps it): the rendered FETCH ENVELOPE / BODY /
 * BODYSTRUCTURE values and the encoded texts SEARCH compares its address and subject keys with
 * ({@link dev.surel.protocol.imap.search.HeaderSearchTexts}). The store keeps and returns them;
 * it never reads them.
 *
 * @param fetch       the rendered FETCH values
 * @param searchTexts {@link dev.surel.protocol.imap.search.HeaderSearchTexts#encode()}
 *
 * <p>A reader that asks for some {@link Part}s only ({@link MailStore#items(long, long,
 * java.util.Collection, java.util.Set)}) gets null for the values of the others.
 */
public record MessageItems(PreparedFetch fetch, byte[] searchTexts) {

    /** The values a reader may ask for: each is read from the store only when asked for. */
    public enum Part {
        /** ENVELOPE, both forms ({@link PreparedFetch#envelope}, {@link PreparedFetch#envelopeUtf8}). */
        ENVELOPE,
        /** BODY and BODYSTRUCTURE ({@link PreparedFetch#body}, {@link PreparedFetch#bodyStructure}). */
        STRUCTURE,
        /** {@link #searchTexts}. */
        SEARCH_TEXTS
    }

    /** Every part. */
    public static final java.util.Set<Part> ALL = java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(Part.class));
}
