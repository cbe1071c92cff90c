package dev.surel.store;

import java.nio.file.Path;

/**
 * A consistent copy of a store's metadata, taken for a backup ({@link MailStore#snapshot}):
 * the database file written in one read transaction, and the list of message files (blobs)
 * that copy references, read from the copy itself.
 *
 * <p>Invariant: from before the copy was taken until {@link #close}, the store's garbage
 * collector deletes no blob file, so every blob the copy references stays on disk while the
 * caller copies it. Close the snapshot (always, also on failure) to let the collector go on.
 */
public interface StoreSnapshot extends AutoCloseable {

    /** What the copied database holds. */
    Counts counts();

    /**
     * Hands every blob the copy references (by a message, a tombstone or a queued message) to
     * {@code visitor}, once each, in hash order, streaming (never all in memory). A referenced
     * blob without its {@code blobs} row (damage, which {@code check} reports too) comes with
     * size -1.
     */
    void blobs(BlobVisitor visitor);

    /** Releases the hold on the garbage collector and the copy's connection. */
    @Override
    void close();

    /** One referenced blob: its hash, its recorded size (-1: no row), and its file in the live store. */
    @FunctionalInterface
    interface BlobVisitor {
        void blob(String hash, long size, Path file);
    }

    /**
     * Counts in the copied database.
     *
     * @param schemaVersion  the highest applied schema migration ({@code V<n>__*.sql})
     * @param messages       live messages (not tombstones)
     * @param tombstones     expunged messages still remembered (QRESYNC)
     * @param queuedMessages messages in the delivery queue
     * @param blobs          distinct message files referenced
     * @param blobBytes      their total size
     */
    record Counts(int schemaVersion, long accounts, long mailboxes, long messages, long tombstones,
                  long queuedMessages, long blobs, long blobBytes) {
    }
}
