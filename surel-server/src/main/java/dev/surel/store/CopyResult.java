package dev.surel.store;

import java.util.List;

/**
 * The result of a copy or move: the target's UIDVALIDITY and the source→target UID pairs in
 * ascending source order, as RFC 4315 COPYUID needs. For a move, the source UIDs are expunged
 * (tombstones with {@code expungeModseq}); for a copy {@code expungeModseq} is 0.
 */
public record CopyResult(long targetUidValidity, List<UidPair> mapping, long modseq, long expungeModseq) {
    public record UidPair(long sourceUid, long targetUid) { }
}
