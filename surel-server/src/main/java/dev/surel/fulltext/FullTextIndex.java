package dev.surel.fulltext;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MailStore;
import java.nio.file.Path;

/**
 * The full-text index as SEARCH uses it: candidates for a search program over one mailbox.
 * {@link #off()} narrows nothing (every message is read, as without an index).
 */
public sealed interface FullTextIndex extends AutoCloseable permits LuceneFullText, FullTextIndex.Off {

    /**
     * The messages of a mailbox that may match {@code key}; {@link Candidates#ALL} when the index
     * cannot narrow it (no BODY / TEXT string of 3 or more chars that must match, index not built
     * yet for this mailbox, or failing). Asking also schedules the mailbox to be brought up to
     * {@code highestUid} in the background.
     *
     * @param uidValidity the session's UIDVALIDITY of the mailbox (another one: the index knows nothing)
     */
    Candidates candidates(long accountId, long mailboxId, long uidValidity, long highestUid, SearchKey key);

    /**
     * The highest UID up to which every live message of the mailbox is in the index (0: none, or
     * no index); what is above is read by SEARCH until the index catches up.
     */
    long indexedUpTo(long accountId, long mailboxId);

    @Override
    void close();

    /**
     * An index under {@code dir}, kept current from {@code store} by a background thread.
     *
     * @param accounts the ids of every account: each open brings all their mailboxes up to date
     */
    static FullTextIndex open(Path dir, MailStore store, MimeSettings mime, java.util.function.Supplier<java.util.List<Long>> accounts) {
        return LuceneFullText.open(dir, store, mime, accounts);
    }

    static FullTextIndex off() {
        return new Off();
    }

    /** No index: nothing narrowed. */
    record Off() implements FullTextIndex {
        @Override
        public Candidates candidates(long accountId, long mailboxId, long uidValidity, long highestUid, SearchKey key) {
            return Candidates.ALL;
        }

        @Override
        public long indexedUpTo(long accountId, long mailboxId) {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
