package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.SequenceSet;
import dev.surel.store.Changes;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import java.io.IOException;
import java.util.List;

/**
 * The resynchronisation part of {@code SELECT/EXAMINE ... (QRESYNC (...))} (RFC 7162 §3.2.5):
 * one {@code * VANISHED (EARLIER)} with the expunged UIDs the client may hold, then
 * {@code * n FETCH (UID FLAGS MODSEQ)} for every message changed or added since the client's
 * MODSEQ. Written from the same snapshot the new view was built from.
 *
 * <p>VANISHED is limited to the client's known-uids, and to UIDs above the last seq-match pair
 * that still holds (§3.2.5.2: if the client's message N is the server's message N, nothing the
 * client knows below it was expunged). When tombstones since the client's MODSEQ were purged
 * ({@link Changes#complete()} false) it reports every UID of that scope that is not live.
 * FETCH is not limited to known-uids: new messages come along, so one SELECT is a full resync.
 */
final class QresyncSelect {
    private QresyncSelect() { }

    // RFC 7162 §3.2.5, §3.2.5.2
    static void write(ImapSession s, SelectedMailbox mb, MailboxInfo info, List<MessageMeta> metas, ImapCommand.Qresync q)
            throws IOException {
        long[] live = new long[metas.size()];
        for (int i = 0; i < live.length; i++) live[i] = metas.get(i).uid();
        long above = q.matchSeqs() == null ? 0 : matchedUpTo(mb, q.matchSeqs(), q.matchUids());
        Changes changes = s.store().changesSince(s.account(), info.id(), q.modseq());
        long maxUid = Math.max(info.uidNext() - 1, live.length == 0 ? 0 : live[live.length - 1]);
        String vanished = changes.complete()
                ? VanishedUids.exact(changes.expunged(), q.knownUids(), maxUid, above, live)
                : VanishedUids.complement(q.knownUids(), maxUid, above, live);
        if (!vanished.isEmpty()) s.out().untagged("VANISHED (EARLIER) " + vanished);
        for (MessageMeta m : metas) {
            if (m.modseq() <= q.modseq()) continue;
            s.out().untagged(mb.seqOf(m.uid()) + " FETCH (UID " + m.uid() + " FLAGS " + s.flagList(m.flags(), mb.recent(m.uid()))
                    + " MODSEQ (" + m.modseq() + "))");
        }
    }

    /**
     * The UID of the last seq-match pair (in the client's order) whose sequence number still
     * names that UID here, stopping at the first pair that does not; 0 when none does.
     */
    static long matchedUpTo(SelectedMailbox mb, SequenceSet seqs, SequenceSet uids) {
        Pairs ps = new Pairs(seqs);
        Pairs us = new Pairs(uids);
        long matched = 0;
        while (ps.hasNext() && us.hasNext()) {
            long seq = ps.next();
            long uid = us.next();
            if (seq < 1 || seq > mb.size() || mb.uidAt((int) seq) != uid || uid <= matched) break;
            matched = uid;
        }
        return matched;
    }

    /** Walks a set's numbers in the order written, each range upwards, without expanding it. */
    private static final class Pairs {
        private final List<SequenceSet.Range> ranges;
        private int range;
        private long next;
        private long end;

        Pairs(SequenceSet set) {
            this.ranges = set.ranges();
            this.range = -1;
            this.next = 1;
            this.end = 0;
        }

        boolean hasNext() {
            while (next > end) {
                if (++range >= ranges.size()) return false;
                SequenceSet.Range r = ranges.get(range);
                next = Math.min(r.from(), r.to());
                end = Math.max(r.from(), r.to());
            }
            return true;
        }

        long next() {
            return next++;
        }
    }
}
