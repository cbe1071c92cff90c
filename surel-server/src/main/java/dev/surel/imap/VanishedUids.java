package dev.surel.imap;

import dev.surel.protocol.imap.SequenceSet;
import dev.surel.store.Changes;
import dev.surel.store.MessageMeta;
import dev.surel.store.UidRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The UID set of a {@code VANISHED (EARLIER)} response (RFC 7162 §3.2.5.2, §3.2.6, §3.2.10):
 * expunged UIDs the client may still hold, as compact ranges.
 *
 * <p>Invariants: a UID that is live (or still in the session's view, its expunge not yet
 * announced) is never reported. When the tombstones since the client's MODSEQ are all kept the
 * answer is exact ({@link #exact}); when some were purged it is every UID of the scope that is
 * not live ({@link #complement}), a superset the client tolerates (UIDs are never reused, so a
 * UID not live below UIDNEXT is expunged). Work is linear in ranges plus UIDs, never in the
 * width of a range, so {@code 1:4294967295} costs nothing.
 */
final class VanishedUids {
    private VanishedUids() { }

    /**
     * Tombstone UIDs inside {@code scope} (null: any) and above {@code above}, without those in
     * {@code live} (sorted ascending).
     */
    static String exact(Collection<Long> tombstones, SequenceSet scope, long maxUid, long above, long[] live) {
        long[][] ranges = scope == null ? null : merged(scope, maxUid, above);
        List<Long> out = new ArrayList<>();
        for (long uid : tombstones) {
            if (uid <= above || Arrays.binarySearch(live, uid) >= 0) continue;
            if (ranges != null && !inRanges(ranges, uid)) continue;
            out.add(uid);
        }
        out.sort(null);
        return UidSets.format(out);
    }

    /**
     * Every UID of {@code scope} (null: {@code 1:maxUid}) in {@code (above, maxUid]} that is not
     * in {@code live} (sorted ascending).
     */
    static String complement(SequenceSet scope, long maxUid, long above, long[] live) {
        long[][] ranges = scope == null
                ? (above < maxUid ? new long[][] {{above + 1, maxUid}} : new long[0][])
                : merged(scope, maxUid, above);
        StringBuilder b = new StringBuilder();
        for (long[] r : ranges) {
            long next = r[0];
            int i = Arrays.binarySearch(live, r[0]);
            if (i < 0) i = -i - 1;
            for (; i < live.length && live[i] <= r[1]; i++) {
                if (live[i] > next) append(b, next, live[i] - 1);
                next = live[i] + 1;
            }
            if (next <= r[1]) append(b, next, r[1]);
        }
        return b.toString();
    }

    /**
     * {@code UID FETCH set ... (CHANGEDSINCE n VANISHED)} (RFC 7162 §3.2.6): writes
     * {@code * VANISHED (EARLIER)} for UIDs of the set expunged after MODSEQ n, except those
     * still in this session's view (their VANISHED comes when the session may renumber).
     */
    static void writeForUidFetch(ImapSession s, SequenceSet set, long since) throws IOException {
        SelectedMailbox sel = s.selected();
        Changes ch = s.store().changesSince(s.account(), sel.mailboxId(), since);
        long[] view = sorted(sel.allUids());
        long maxUid = Math.max(s.store().mailbox(s.account(), sel.mailboxId()).uidNext() - 1,
                view.length == 0 ? 0 : view[view.length - 1]);
        String uids;
        if (ch.complete()) {
            uids = exact(ch.expunged(), set, maxUid, 0, view);
        } else {
            List<Long> live = new ArrayList<>(sel.allUids());
            for (MessageMeta m : s.store().messages(s.account(), sel.mailboxId(), UidRange.ALL)) live.add(m.uid());
            uids = complement(set, maxUid, 0, sorted(live));
        }
        if (!uids.isEmpty()) s.out().untagged("VANISHED (EARLIER) " + uids);
    }

    /** Sorted UIDs as an array (for the {@code live} arguments). */
    static long[] sorted(Collection<Long> uids) {
        long[] a = new long[uids.size()];
        int i = 0;
        for (long u : uids) a[i++] = u;
        Arrays.sort(a);
        return a;
    }

    private static void append(StringBuilder b, long from, long to) {
        if (!b.isEmpty()) b.append(',');
        b.append(from);
        if (to > from) b.append(':').append(to);
    }

    /** The set's ranges ({@code *} = maxUid) clipped to {@code (above, maxUid]}, sorted and merged. */
    private static long[][] merged(SequenceSet set, long maxUid, long above) {
        List<long[]> rs = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            SequenceSet.Range n = r.resolve(Math.max(1, maxUid));
            long a = Math.max(n.from(), above + 1);
            long z = Math.min(n.to(), maxUid);
            if (a <= z) rs.add(new long[] {a, z});
        }
        rs.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : rs) {
            if (!out.isEmpty() && r[0] <= out.getLast()[1] + 1) {
                out.getLast()[1] = Math.max(out.getLast()[1], r[1]);
            } else {
                out.add(r);
            }
        }
        return out.toArray(new long[0][]);
    }

    private static boolean inRanges(long[][] ranges, long uid) {
        int lo = 0;
        int hi = ranges.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < ranges[mid][0]) hi = mid - 1;
            else if (uid > ranges[mid][1]) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
