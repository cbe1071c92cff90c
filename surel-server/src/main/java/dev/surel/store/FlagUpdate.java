package dev.surel.store;

import java.util.List;

/**
 * The result of a flag update (RFC 7162 §3.1.3).
 *
 * @param changed  messages whose flags changed, with their new flags and new MODSEQ
 * @param unchanged UIDs whose flags already matched (nothing written; RFC 7162 still reports them)
 * @param failed   UIDs refused because their MODSEQ was above the UNCHANGEDSINCE value and the
 *                 update would have changed them (with UNCHANGEDSINCE 0: every message)
 */
public record FlagUpdate(List<MessageMeta> changed, List<Long> unchanged, List<Long> failed) {
}
