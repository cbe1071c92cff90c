package dev.surel.fulltext;

import java.util.Arrays;

/**
 * What the index says of one SEARCH over one mailbox: the messages it may match. Every UID above
 * {@code indexedUpTo} is a candidate (not indexed yet: the index may lag behind the store, it
 * never hides a message); at or below it only the {@code uids} the index returned (sorted).
 */
public record Candidates(long indexedUpTo, long[] uids) {

    /** Every message is a candidate: the index could not narrow this search. */
    public static final Candidates ALL = new Candidates(0, new long[0]);

    public boolean mayMatch(long uid) {
        return uid > indexedUpTo || Arrays.binarySearch(uids, uid) >= 0;
    }

    /** True when the index narrowed nothing. */
    public boolean all() {
        return indexedUpTo == 0;
    }
}
