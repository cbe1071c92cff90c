package dev.surel.imap;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.SequenceSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's saved search result of RFC 5182 ({@code $}): the UIDs a {@code SEARCH RETURN
 * (SAVE)} found, kept by UID so that sequence numbers may shift under it.
 *
 * <p>Invariants (RFC 5182 §2.1):
 * <ul>
 *   <li>Empty when a mailbox is selected, examined, closed or unselected, and after a SEARCH
 *       with SAVE failed.</li>
 *   <li>UIDs ascending, no duplicates. Expunged messages drop out when it is used: every use
 *       goes through {@link #uidsIn}, which keeps only messages of the session's view.</li>
 *   <li>Only the session thread touches it.</li>
 * </ul>
 */
final class SavedSearch {

    private List<Long> uids = List.of();

    /** RFC 5182 §2.1: SELECT, EXAMINE, CLOSE, UNSELECT and a failed SAVE reset it. */
    void clear() {
        uids = List.of();
    }

    /** Replaces the saved result (UIDs in any order). */
    void set(List<Long> found) {
        uids = found.stream().distinct().sorted().toList();
    }

    /** The saved UIDs still in the view (those expunged in the meantime drop out), ascending. */
    List<Long> uidsIn(SelectedMailbox sel) {
        List<Long> out = new ArrayList<>(uids.size());
        for (long uid : uids) if (sel.seqOf(uid) > 0) out.add(uid);
        return out;
    }

    /**
     * The key with every {@code $} (RFC 5182 §2.1, as a sequence set or under UID) replaced by
     * the saved messages; an empty result matches nothing.
     */
    SearchKey substitute(SearchKey key, SelectedMailbox sel) {
        return switch (key) {
            case SearchKey.And a -> new SearchKey.And(a.keys().stream().map(k -> substitute(k, sel)).toList());
            case SearchKey.Or o -> new SearchKey.Or(substitute(o.left(), sel), substitute(o.right(), sel));
            case SearchKey.Not n -> new SearchKey.Not(substitute(n.key(), sel));
            case SearchKey.Sequence q when q.set().saved() -> {
                List<Long> seqs = new ArrayList<>();
                for (long uid : uidsIn(sel)) seqs.add((long) sel.seqOf(uid));
                yield seqs.isEmpty() ? nothing() : new SearchKey.Sequence(setOf(seqs));
            }
            case SearchKey.Uid u when u.set().saved() -> {
                List<Long> in = uidsIn(sel);
                yield in.isEmpty() ? nothing() : new SearchKey.Uid(setOf(in));
            }
            default -> key;
        };
    }

    private static SearchKey nothing() {
        return new SearchKey.Not(new SearchKey.All());
    }

    /** Ascending numbers as a sequence set of runs ({@code 3,4,5,9} → {@code 3:5,9}). */
    static SequenceSet setOf(List<Long> ascending) {
        List<SequenceSet.Range> ranges = new ArrayList<>();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) j++;
            ranges.add(new SequenceSet.Range(ascending.get(i), ascending.get(j)));
            i = j + 1;
        }
        return new SequenceSet(ranges);
    }
}
