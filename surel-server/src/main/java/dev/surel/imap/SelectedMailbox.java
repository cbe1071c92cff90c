package dev.surel.imap;

import dev.surel.protocol.imap.SequenceSet;
import dev.surel.store.Flags;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.StoreEvent;
import dev.surel.store.UidRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * One session's view of its selected mailbox (RFC 9051 §2.3.1.2, §7.5.1): the UIDs in sequence
 * order, the flags and MODSEQ this session last told its client, and the changes it has heard
 * of on the change bus but not yet announced.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Sequence numbers change only when the client is told: an expunge heard from the bus
 *       stays in {@link #pendingExpunges} (the message keeps its sequence number) until an
 *       untagged EXPUNGE is written at a point where RFC 9051 §7.5.1 allows it; a new message
 *       gets a sequence number only with the EXISTS that announces it.</li>
 *   <li>UIDs are ascending in sequence order (RFC 9051 §2.3.1.1).</li>
 *   <li>A flag change is announced only when its MODSEQ is above the one the session knows, so
 *       the echo of this session's own STORE is not announced twice, and an older event never
 *       overrides a newer state. (The per-message MODSEQ is what CONDSTORE will report.)</li>
 *   <li>\Recent (IMAP4rev1 only, RFC 3501 §2.3.2): at SELECT the messages at or above the
 *       mailbox's first-recent mark; later ones only when this session claims them from the
 *       {@link RecentTracker} as it announces them, so no two read-write sessions both see a
 *       message as \Recent.</li>
 *   <li>The keywords the client was told of in FLAGS / PERMANENTFLAGS (RFC 3501 §7.2.6) only
 *       grow; a keyword is announced (an untagged FLAGS) before any FETCH that carries it.</li>
 *   <li>Used by the session thread, or by the IDLE pusher while the session thread waits in
 *       IDLE (never both at once).</li>
 * </ul>
 */
final class SelectedMailbox {

    /** What this session last told about one message. */
    record Known(Flags flags, long modseq) { }

    private final long mailboxId;
    private final long uidValidity;
    private final boolean readOnly;
    private String name;
    private long[] uids = new long[16];
    private int size;
    private final Map<Long, Known> known = new HashMap<>();
    private final Set<Long> recent = new HashSet<>();
    private final LongUnaryOperator recentClaim;
    private final TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final TreeSet<Long> pendingExpunges = new TreeSet<>();
    private final TreeSet<Long> pendingNew = new TreeSet<>();
    private final TreeMap<Long, Known> pendingFlags = new TreeMap<>();
    private boolean deleted;
    private long highestModseq;

    /**
     * @param highestModseq the mailbox's HIGHESTMODSEQ when {@code messages} were read
     * @param recentFrom    messages of {@code messages} at or above this UID are \Recent here
     * @param recentClaim   given the highest UID of messages about to be announced, the first of
     *                      them that is \Recent here (it claims them); null: never \Recent (IMAP4rev2)
     */
    SelectedMailbox(long mailboxId, long uidValidity, String name, boolean readOnly, List<MessageMeta> messages,
                    long highestModseq, long recentFrom, LongUnaryOperator recentClaim) {
        this.mailboxId = mailboxId;
        this.uidValidity = uidValidity;
        this.name = name;
        this.readOnly = readOnly;
        this.recentClaim = recentClaim;
        this.highestModseq = highestModseq;
        for (MessageMeta m : messages) {
            add(m);
            if (m.uid() >= recentFrom) recent.add(m.uid());
            keywords.addAll(m.flags().keywords());
        }
    }

    private void add(MessageMeta m) {
        if (size == uids.length) uids = Arrays.copyOf(uids, size * 2);
        uids[size++] = m.uid();
        known.put(m.uid(), new Known(m.flags(), m.modseq()));
    }

    long mailboxId() { return mailboxId; }

    long uidValidity() { return uidValidity; }

    boolean readOnly() { return readOnly; }

    String name() { return name; }

    /** Messages the client knows of (its highest sequence number). */
    int size() { return size; }

    long uidAt(int seq) { return uids[seq - 1]; }

    /** Sequence number of a UID in this view, or 0. */
    int seqOf(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i >= 0 ? i + 1 : 0;
    }

    Known known(long uid) { return known.get(uid); }

    boolean recent(long uid) { return recent.contains(uid); }

    /** True when this view takes part in \Recent (it holds a {@link RecentTracker} entry). */
    boolean tracksRecent() { return recentClaim != null; }

    /** The keywords announced in FLAGS so far, in case-insensitive order. */
    Set<String> keywords() { return java.util.Collections.unmodifiableSet(keywords); }

    /** Notes keywords this session is about to show (its own STORE); true when one is new (announce FLAGS first). */
    boolean learnKeywords(Collection<String> seen) {
        boolean grew = false;
        for (String k : seen) grew |= keywords.add(k);
        return grew;
    }

    int recentCount() { return recent.size(); }

    boolean deleted() { return deleted; }

    /**
     * The highest MODSEQ this view reflects: the mailbox's at SELECT, raised by every change
     * announced since (RFC 7162 §3.1 HIGHESTMODSEQ for a session that enables CONDSTORE late).
     * Expunges announced do not raise it, so it may lag behind: a client using it as
     * CHANGEDSINCE gets more, never less.
     */
    long highestModseq() { return highestModseq; }

    /** True when another session expunged this message and this session has not said so yet. */
    boolean expungePending(long uid) { return pendingExpunges.contains(uid); }

    /** Records what this session just told its client (STORE, FETCH that set \Seen). */
    void told(long uid, Flags flags, long modseq) {
        if (seqOf(uid) == 0) return;
        highestModseq = Math.max(highestModseq, modseq);
        Known k = known.get(uid);
        // (FETCH FLAGS of an unchanged message tells what is known already: nothing to replace)
        boolean same = k != null && k.modseq() == modseq && k.flags().equals(flags);
        if (!same && (k == null || modseq >= k.modseq())) known.put(uid, new Known(flags, modseq));
        if (pendingFlags.isEmpty()) return;
        Known p = pendingFlags.get(uid);
        if (p != null && p.modseq() <= modseq) pendingFlags.remove(uid);
    }

    /** Removes a message this session itself expunged and announced; returns its former sequence number. */
    int removeAnnounced(long uid) {
        int seq = seqOf(uid);
        if (seq == 0) return 0;
        System.arraycopy(uids, seq, uids, seq - 1, size - seq);
        size--;
        known.remove(uid);
        recent.remove(uid);
        pendingExpunges.remove(uid);
        pendingFlags.remove(uid);
        return seq;
    }

    // ------------------------------------------------------------------ sequence sets

    /**
     * UIDs of the messages a sequence-number set names, ascending and distinct; null when a
     * number lies beyond the mailbox (BAD). The positions are marked in a bit set (no sorted set
     * of boxed numbers: FETCH 1:* of 10,000 messages marks one range).
     */
    List<Long> uidsAtSequences(SequenceSet set) {
        java.util.BitSet at = new java.util.BitSet(size);
        for (SequenceSet.Range r : set.ranges()) {
            boolean star = r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR;
            if (size == 0) {
                if (star) continue;
                return null;
            }
            SequenceSet.Range res = r.resolve(size);
            if (res.to() > size) return null;
            at.set((int) res.from() - 1, (int) res.to());
        }
        return uidsAtPositions(at);
    }

    /** UIDs of this view inside a UID set, ascending ({@code *} = the highest UID known). */
    List<Long> uidsIn(SequenceSet set) {
        if (size == 0) return List.of();
        java.util.BitSet at = new java.util.BitSet(size);
        long max = uids[size - 1];
        for (SequenceSet.Range r : set.ranges()) {
            SequenceSet.Range res = r.resolve(max);
            int from = Arrays.binarySearch(uids, 0, size, res.from());
            if (from < 0) from = -from - 1;
            int to = Arrays.binarySearch(uids, from, size, res.to());
            to = to < 0 ? -to - 1 : to + 1;
            if (from < to) at.set(from, to);
        }
        return uidsAtPositions(at);
    }

    private List<Long> uidsAtPositions(java.util.BitSet at) {
        List<Long> out = new ArrayList<>(at.cardinality());
        for (int i = at.nextSetBit(0); i >= 0; i = at.nextSetBit(i + 1)) out.add(uids[i]);
        return out;
    }

    // ------------------------------------------------------------------ changes from the bus

    /** Takes note of a committed change (no output). */
    void apply(StoreEvent e) {
        switch (e) {
            case StoreEvent.MessageAdded a when a.mailboxId() == mailboxId -> {
                long highest = size == 0 ? 0 : uids[size - 1];
                if (a.uid() > highest) pendingNew.add(a.uid());
            }
            case StoreEvent.FlagsChanged f when f.mailboxId() == mailboxId -> {
                Known k = known.get(f.uid());
                if (k != null && f.modseq() > k.modseq() && !pendingExpunges.contains(f.uid())) {
                    Known p = pendingFlags.get(f.uid());
                    if (p == null || f.modseq() > p.modseq()) pendingFlags.put(f.uid(), new Known(f.flags(), f.modseq()));
                }
            }
            case StoreEvent.MessagesExpunged x when x.mailboxId() == mailboxId -> {
                for (long uid : x.uids()) {
                    pendingNew.remove(uid);
                    pendingFlags.remove(uid);
                    if (seqOf(uid) > 0) pendingExpunges.add(uid);
                }
            }
            case StoreEvent.MailboxDeleted d when d.mailboxId() == mailboxId -> deleted = true;
            case StoreEvent.MailboxRenamed r when r.mailboxId() == mailboxId -> name = r.newName();
            default -> { }
        }
    }

    /** After a lost event (bus overflow): compares with the store and notes every difference as pending. */
    void resync(MailStore store, long accountId) {
        List<MessageMeta> all = store.messages(accountId, mailboxId, UidRange.ALL);
        Set<Long> live = new HashSet<>();
        long highest = size == 0 ? 0 : uids[size - 1];
        for (MessageMeta m : all) {
            live.add(m.uid());
            Known k = known.get(m.uid());
            if (k == null) {
                if (m.uid() > highest) pendingNew.add(m.uid());
            } else if (m.modseq() > k.modseq()) {
                pendingFlags.put(m.uid(), new Known(m.flags(), m.modseq()));
            }
        }
        for (int i = 0; i < size; i++) if (!live.contains(uids[i])) pendingExpunges.add(uids[i]);
    }

    /** One untagged response the session must write, in order. */
    sealed interface Update {
        record Expunge(int seq, long uid) implements Update { }

        record Exists(int count, int recent) implements Update { }

        record FlagsOf(int seq, long uid, Flags flags, boolean recent, long modseq) implements Update { }

        /** The keywords grew: untagged FLAGS and PERMANENTFLAGS (RFC 3501 §7.2.6) before the FETCH that uses one. */
        record Keywords() implements Update { }
    }

    /**
     * Turns what is pending into the untagged responses to send now and updates the view as if
     * they were sent: EXPUNGE only when {@code expungeAllowed} (RFC 9051 §7.5.1), then FLAGS when
     * the keywords grew (RFC 3501 §7.2.6), then EXISTS for new messages (read from the store; the
     * \Recent ones claimed from the tracker as they are announced), then FETCH FLAGS. With {@code holdFlags} (a
     * CONDSTORE session) flag changes wait while an expunge is held back, so the client never
     * learns a MODSEQ above that of an expunge it has not been told (RFC 7162 §3.2.10, §6).
     */
    List<Update> drainUpdates(MailStore store, long accountId, boolean expungeAllowed, boolean holdFlags) {
        List<Update> out = new ArrayList<>();
        if (expungeAllowed) {
            for (long uid : new ArrayList<>(pendingExpunges)) {
                int seq = removeAnnounced(uid);
                if (seq > 0) out.add(new Update.Expunge(seq, uid));
            }
            pendingExpunges.clear();
        }
        boolean flagsNow = !(holdFlags && !pendingExpunges.isEmpty());
        boolean newKeywords = false;
        if (flagsNow) {
            for (Map.Entry<Long, Known> e : pendingFlags.entrySet()) {
                if (seqOf(e.getKey()) > 0 && !pendingExpunges.contains(e.getKey())) {
                    newKeywords |= learnKeywords(e.getValue().flags().keywords());
                }
            }
        }
        List<MessageMeta> added = new ArrayList<>();
        if (!pendingNew.isEmpty()) {
            List<MessageMeta> metas = store.fetch(accountId, mailboxId, pendingNew);
            pendingNew.clear();
            long highest = size == 0 ? 0 : uids[size - 1];
            for (MessageMeta m : metas) {
                if (m.uid() <= highest) continue;
                add(m);
                added.add(m);
                highest = m.uid();
                highestModseq = Math.max(highestModseq, m.modseq());
                newKeywords |= learnKeywords(m.flags().keywords());
            }
        }
        if (newKeywords) out.add(new Update.Keywords());
        if (!added.isEmpty()) {
            long from = recentClaim == null ? Long.MAX_VALUE : recentClaim.applyAsLong(added.getLast().uid());
            for (MessageMeta m : added) if (m.uid() >= from) recent.add(m.uid());
            out.add(new Update.Exists(size, recent.size()));
        }
        if (!flagsNow) return out;
        for (Map.Entry<Long, Known> e : pendingFlags.entrySet()) {
            long uid = e.getKey();
            int seq = seqOf(uid);
            if (seq == 0 || pendingExpunges.contains(uid)) continue;
            known.put(uid, e.getValue());
            highestModseq = Math.max(highestModseq, e.getValue().modseq());
            out.add(new Update.FlagsOf(seq, uid, e.getValue().flags(), recent.contains(uid), e.getValue().modseq()));
        }
        pendingFlags.clear();
        return out;
    }

    /** UIDs of this view (for tests and CLOSE). */
    Collection<Long> allUids() {
        List<Long> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(uids[i]);
        return out;
    }
}
