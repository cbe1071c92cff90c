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
 */
public record MessageItems(PreparedFetch fetch, byte[] searchTexts) {
}
