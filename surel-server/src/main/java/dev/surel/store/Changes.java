package dev.surel.store;

import java.util.List;

/**
 * Changes in one mailbox since a MODSEQ (RFC 7162 CONDSTORE/QRESYNC).
 *
 * @param changed        live messages with a MODSEQ above the given one, ascending UID
 * @param expunged       UIDs of tombstones with a MODSEQ above the given one, ascending
 * @param complete       false when tombstones above the given MODSEQ may have been purged
 *                       already ({@code since < purgedModseq}); the caller must then treat
 *                       every UID it knows and does not see as expunged
 */
public record Changes(List<MessageMeta> changed, List<Long> expunged, long highestModseq, boolean complete) {
}
