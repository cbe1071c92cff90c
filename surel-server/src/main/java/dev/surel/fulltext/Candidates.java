package dev.surel.fulltext;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.TextAnswers;
import java.util.Arrays;
import java.util.Map;

/**
 * What the index says of one SEARCH over one mailbox. Nothing is said of a UID above
 * {@code indexedUpTo} (not indexed yet: the index may lag behind the store, it never hides a
 * message). At or below it:
 * <ul>
 *   <li>{@link #mayMatch}: only the {@code uids} (sorted) may match the program; null
 *       {@code uids}: the index did not narrow it.</li>
 *   <li>{@link #answer}: for the BODY / TEXT keys in {@code exact} (whose phrase is an exact
 *       substring test), a message matches exactly when its UID is in the key's sorted array,
 *       unless the message is {@code incomplete} (more text than indexed, or unreadable): those
 *       are read.</li>
 * </ul>
 */
public record Candidates(long indexedUpTo, long[] uids, Map<SearchKey, long[]> exact, long[] incomplete) implements TextAnswers {

    /** The index says nothing: every message is read. */
    public static final Candidates ALL = new Candidates(0, null, Map.of(), new long[0]);

    public boolean mayMatch(long uid) {
        return uids == null || uid > indexedUpTo || Arrays.binarySearch(uids, uid) >= 0;
    }

    /** True when the index narrowed nothing. */
    public boolean all() {
        return uids == null;
    }

    @Override
    public Boolean answer(SearchKey key, long uid) {
        if (uid > indexedUpTo) return null;
        long[] hits = exact.get(key);
        if (hits == null || Arrays.binarySearch(incomplete, uid) >= 0) return null;
        return Arrays.binarySearch(hits, uid) >= 0;
    }
}
