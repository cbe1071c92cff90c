package dev.surel.store;

import java.io.InputStream;

/**
 * A message the store has spooled ({@link MailStore#spool}): canonicalised, hashed and on disk,
 * not yet in any mailbox. It can be read and appended any number of times (e.g. once per local
 * recipient, with {@link NewMessage#of(SpooledMessage)}); closing it removes it unless an append
 * took it. Only the store that spooled it can append it.
 */
public interface SpooledMessage extends AutoCloseable {

    /** Hex SHA-256 of the canonical (CRLF) bytes. */
    String hash();

    /** Octets of the canonical bytes. */
    long size();

    /** Reads the canonical bytes. */
    InputStream open();

    /** The encoded MIME structure of the content, when the store computed it while spooling (else null). */
    byte[] structure();

    /** Records the encoded MIME structure computed from {@link #open()} (outside any lock). */
    void attachStructure(byte[] encoded);

    /** The items computed with the structure while spooling (null when not computed). */
    MessageItems items();

    /** Records the items computed from {@link #open()} with the structure (outside any lock). */
    void attachItems(MessageItems items);

    /** Removes the spooled copy unless an append took it. */
    @Override
    void close();
}
