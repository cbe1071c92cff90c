package dev.surel.store;

import java.util.List;

/** UIDs expunged by one call (ascending) and the MODSEQ of that expunge (0 if none). */
public record Expunged(List<Long> uids, long modseq) {
}
