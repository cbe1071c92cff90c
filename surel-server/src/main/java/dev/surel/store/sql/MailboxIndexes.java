package dev.surel.store.sql;

import dev.surel.store.MessageMeta;
import dev.surel.store.StoreEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@link MailboxIndex}es the store holds, one per mailbox in use, shared by every session
 * that reads that mailbox: loaded when a whole mailbox is read (IMAP SELECT, a POP3 maildrop),
 * kept current by each write's events on the writer thread right after its commit and before the
 * events are published (so a session that hears of a change finds it in the index), dropped when
 * unused for {@link #IDLE_MILLIS} or when the indexes together would pass their memory budget
 * (least recently used first).
 *
 * <p>Loading while writers go on: the mailbox's slot is registered first, and changes committed
 * from then on are buffered in it; then the rows are read in a snapshot, which therefore holds at
 * least every change not buffered; the buffered changes are applied to it (idempotently: see
 * {@link MailboxIndex}) and the index is installed. A reader that finds a slot still loading, of
 * another account, or none, reads the database as before: the index is only ever a faster path.
 */
final class MailboxIndexes {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MailboxIndexes.class);

    /** What all indexes hold together at most: about 800,000 messages. */
    static final long BUDGET_BYTES = 64L << 20;

    /** An index unused this long is dropped (its next SELECT loads it again). */
    static final long IDLE_MILLIS = 15 * 60_000L;

    private final long budgetBytes;
    private final LongSupplier clock;
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
    /** Accounts whose data was deleted: their mailboxes are never indexed again (ids are not reused). */
    private final java.util.Set<Long> deletedAccounts = ConcurrentHashMap.newKeySet();

    /** One mailbox's place: loading (index null, changes buffered), or loaded. */
    private static final class Slot {
        final long accountId;
        volatile MailboxIndex index;
        /** Changes committed while loading; null once loaded. Guarded by the slot. */
        List<StoreEvent> buffered = new ArrayList<>();
        volatile long lastUsed;

        Slot(long accountId, long now) {
            this.accountId = accountId;
            this.lastUsed = now;
        }
    }

    /**
     * @param budgetBytes what all indexes may hold together (about 80 bytes per message)
     * @param clock       milliseconds, for the idle drop
     */
    MailboxIndexes(long budgetBytes, LongSupplier clock) {
        this.budgetBytes = budgetBytes;
        this.clock = clock;
    }

    /** The loaded index of a mailbox of this account, or null (read the database). */
    MailboxIndex get(long accountId, long mailboxId) {
        Slot s = slots.get(mailboxId);
        if (s == null || s.accountId != accountId) return null;
        MailboxIndex index = s.index;
        if (index != null) s.lastUsed = clock.getAsLong();
        return index;
    }

    /**
     * The index of a mailbox, loading it from {@code rows} (a snapshot read of its live messages,
     * ascending UID) when it is not loaded; null when another thread is loading it or the rows
     * could not be read as an index (then read the database).
     */
    MailboxIndex load(long accountId, long mailboxId, Supplier<List<MessageMeta>> rows) {
        MailboxIndex loaded = get(accountId, mailboxId);
        if (loaded != null) return loaded;
        if (deletedAccounts.contains(accountId)) return null;
        long now = clock.getAsLong();
        Slot mine = new Slot(accountId, now);
        if (slots.putIfAbsent(mailboxId, mine) != null) return null;
        List<MessageMeta> snapshot;
        try {
            snapshot = rows.get();
        } catch (RuntimeException e) {
            slots.remove(mailboxId, mine);
            throw e;
        }
        MailboxIndex index;
        try {
            index = new MailboxIndex(accountId, mailboxId, snapshot); // built outside the slot's lock: the writer may apply meanwhile
            synchronized (mine) {
                if (mine.buffered == null) return null; // dropped while loading
                if (deletedAccounts.contains(accountId)) { // its account went while loading
                    slots.remove(mailboxId, mine);
                    return null;
                }
                for (StoreEvent e : mine.buffered) index.apply(e);
                mine.buffered = null;
                mine.index = index;
            }
        } catch (IllegalArgumentException bad) { // a row the index cannot hold
            if (slots.remove(mailboxId, mine)) forget(mine);
            log.warn("mailbox {}: not indexed in memory: {}", mailboxId, bad.toString());
            return null;
        }
        trim(now);
        return index;
    }

    /**
     * Applies one committed transaction's changes to the indexes they concern. Called on the
     * writer thread after the commit, in commit order, before the events are published.
     */
    void apply(List<? extends StoreEvent> events) {
        if (slots.isEmpty()) return;
        for (StoreEvent e : events) {
            long mailboxId = switch (e) {
                case StoreEvent.MessageAdded a -> a.mailboxId();
                case StoreEvent.FlagsChanged f -> f.mailboxId();
                case StoreEvent.MessagesExpunged x -> x.mailboxId();
                case StoreEvent.MailboxDeleted d -> {
                    drop(d.mailboxId());
                    yield -1;
                }
                default -> -1;
            };
            Slot s = mailboxId < 0 ? null : slots.get(mailboxId);
            if (s == null) continue;
            try {
                synchronized (s) {
                    if (s.buffered != null) s.buffered.add(e);
                    else if (s.index != null) s.index.apply(e);
                }
            } catch (RuntimeException bad) { // a row the index cannot hold: readers go back to the database
                if (slots.remove(mailboxId, s)) forget(s);
                log.warn("mailbox {}: in-memory index dropped: {}", mailboxId, bad.toString());
            }
        }
    }

    /** Drops every index of an account (its data is being deleted). */
    void dropAccount(long accountId) {
        deletedAccounts.add(accountId);
        for (Map.Entry<Long, Slot> e : slots.entrySet()) {
            if (e.getValue().accountId == accountId) drop(e.getKey());
        }
    }

    private void drop(long mailboxId) {
        Slot s = slots.remove(mailboxId);
        if (s != null) forget(s);
    }

    private static void forget(Slot s) {
        synchronized (s) {
            s.buffered = null;
            s.index = null;
        }
    }

    /** Drops indexes unused for {@link #IDLE_MILLIS}, then the least recently used while over budget. */
    private void trim(long now) {
        long total = 0;
        List<Loaded> loaded = new ArrayList<>();
        for (Map.Entry<Long, Slot> e : slots.entrySet()) {
            Slot s = e.getValue();
            MailboxIndex index = s.index;
            if (index == null) continue;
            long used = s.lastUsed; // read once: readers move it while this runs
            if (now - used > IDLE_MILLIS) {
                if (slots.remove(e.getKey(), s)) forget(s);
                continue;
            }
            long bytes = index.bytes();
            total += bytes;
            loaded.add(new Loaded(e.getKey(), s, used, bytes));
        }
        if (total <= budgetBytes) return;
        loaded.sort(Comparator.comparingLong(Loaded::used));
        for (Loaded l : loaded) {
            if (total <= budgetBytes) break;
            total -= l.bytes();
            if (slots.remove(l.mailboxId(), l.slot())) forget(l.slot());
        }
    }

    /** A loaded index as {@link #trim} saw it. */
    private record Loaded(long mailboxId, Slot slot, long used, long bytes) { }

    /** Drops every index (for tests: the next whole-mailbox read loads again). */
    void clear() {
        for (Long mailboxId : slots.keySet()) drop(mailboxId);
    }

    /** Indexes loaded (for tests). */
    int loaded() {
        int n = 0;
        for (Slot s : slots.values()) if (s.index != null) n++;
        return n;
    }
}
