package dev.surel.store.sql;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import dev.surel.store.StoreEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The metadata of one mailbox's live messages, in memory: what {@code messages} rows hold (UID,
 * MODSEQ, size, internal date, flags, keywords, blob hash) in parallel arrays sorted by UID,
 * about 80 bytes per message. Built from a snapshot of the rows and kept current by the store's
 * committed changes ({@link #apply}), so sessions read it instead of the database
 * ({@link MailboxIndexes}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>UIDs ascending, no duplicates; only live messages (an expunge removes the entry).</li>
 *   <li>Applying a change is idempotent and ordered by MODSEQ: an add of a UID already present,
 *       a flag change not newer than the entry's MODSEQ, an expunge of an absent UID change
 *       nothing. So changes that a snapshot already contains may be applied again (how
 *       {@link MailboxIndexes} loads an index while writers go on).</li>
 *   <li>Readers and the applier use a read-write lock; reads copy out what they return.</li>
 *   <li>{@link Flags} are shared between messages with the same flags (a handful per mailbox),
 *       so a read allocates no flags.</li>
 * </ul>
 */
final class MailboxIndex {

    private static final HexFormat HEX = HexFormat.of();
    /** Bytes of one SHA-256 blob hash. */
    private static final int HASH = 32;

    private final long accountId;
    private final long mailboxId;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<FlagsKey, Flags> sharedFlags = new HashMap<>();
    private int size;
    private long[] uids;
    private long[] modseqs;
    private long[] sizes;
    private long[] dates;
    private int[] offsets;
    private Flags[] flags;
    private byte[] hashes;

    /** An index of {@code rows} (ascending UID, live messages of the mailbox). */
    MailboxIndex(long accountId, long mailboxId, List<MessageMeta> rows) {
        this.accountId = accountId;
        this.mailboxId = mailboxId;
        allocate(Math.max(16, rows.size() + rows.size() / 8));
        for (MessageMeta m : rows) put(size++, m);
    }

    long accountId() { return accountId; }

    long mailboxId() { return mailboxId; }

    /** Live messages held. */
    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    /** Live messages with a UID in {@code [first, last]}, ascending. */
    List<MessageMeta> range(long first, long last) {
        lock.readLock().lock();
        try {
            int from = lowerBound(first);
            List<MessageMeta> out = new ArrayList<>(Math.max(0, Math.min(size - from, 1024)));
            for (int i = from; i < size && uids[i] <= last; i++) out.add(meta(i));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The live messages among {@code wanted}, ascending UID; absent UIDs are skipped. */
    List<MessageMeta> fetch(Collection<Long> wanted) {
        long[] sorted = new long[wanted.size()];
        int n = 0;
        for (long uid : wanted) sorted[n++] = uid;
        Arrays.sort(sorted);
        lock.readLock().lock();
        try {
            List<MessageMeta> out = new ArrayList<>(n);
            long previous = -1;
            int from = 0;
            for (int k = 0; k < n; k++) {
                long uid = sorted[k];
                if (uid == previous) continue;
                previous = uid;
                int i = Arrays.binarySearch(uids, from, size, uid);
                if (i >= 0) {
                    out.add(meta(i));
                    from = i + 1;
                } else {
                    from = -i - 1;
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live messages with a UID at or above {@code fromUid}. */
    long countFrom(long fromUid) {
        lock.readLock().lock();
        try {
            return size - lowerBound(fromUid);
        } finally {
            lock.readLock().unlock();
        }
    }

    private MessageMeta meta(int i) {
        OffsetDateTime date = Instant.ofEpochMilli(dates[i]).atOffset(ZoneOffset.ofTotalSeconds(offsets[i]));
        return new MessageMeta(mailboxId, uids[i], modseqs[i], sizes[i], date, flags[i], HEX.formatHex(hashes, i * HASH, (i + 1) * HASH));
    }

    /** First position whose UID is at least {@code uid}. */
    private int lowerBound(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i >= 0 ? i : -i - 1;
    }

    // ------------------------------------------------------------------ changes

    /** Applies one committed change of this mailbox (see the invariants: idempotent). */
    void apply(StoreEvent e) {
        lock.writeLock().lock();
        try {
            switch (e) {
                case StoreEvent.MessageAdded a -> add(a.message());
                case StoreEvent.FlagsChanged f -> {
                    int i = Arrays.binarySearch(uids, 0, size, f.uid());
                    if (i >= 0 && f.modseq() > modseqs[i]) {
                        modseqs[i] = f.modseq();
                        flags[i] = share(f.flags());
                    }
                }
                case StoreEvent.MessagesExpunged x -> remove(x.uids());
                default -> { }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void add(MessageMeta m) {
        int i = Arrays.binarySearch(uids, 0, size, m.uid());
        if (i >= 0) return;
        int at = -i - 1;
        if (size == uids.length) grow();
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(uids, at, uids, at + 1, tail);
            System.arraycopy(modseqs, at, modseqs, at + 1, tail);
            System.arraycopy(sizes, at, sizes, at + 1, tail);
            System.arraycopy(dates, at, dates, at + 1, tail);
            System.arraycopy(offsets, at, offsets, at + 1, tail);
            System.arraycopy(flags, at, flags, at + 1, tail);
            System.arraycopy(hashes, at * HASH, hashes, (at + 1) * HASH, tail * HASH);
        }
        put(at, m);
        size++;
    }

    /** Removes the given UIDs in one pass over the arrays. */
    private void remove(Collection<Long> gone) {
        if (gone.isEmpty() || size == 0) return;
        java.util.Set<Long> set = gone instanceof java.util.Set<Long> s ? s : new java.util.HashSet<>(gone);
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (set.contains(uids[r])) continue;
            if (w != r) {
                uids[w] = uids[r];
                modseqs[w] = modseqs[r];
                sizes[w] = sizes[r];
                dates[w] = dates[r];
                offsets[w] = offsets[r];
                flags[w] = flags[r];
                System.arraycopy(hashes, r * HASH, hashes, w * HASH, HASH);
            }
            w++;
        }
        Arrays.fill(flags, w, size, null);
        size = w;
    }

    private void put(int i, MessageMeta m) {
        uids[i] = m.uid();
        modseqs[i] = m.modseq();
        sizes[i] = m.size();
        dates[i] = m.internalDate().toInstant().toEpochMilli();
        offsets[i] = m.internalDate().getOffset().getTotalSeconds();
        flags[i] = share(m.flags());
        String hash = m.blobHash();
        if (hash.length() != HASH * 2) throw new IllegalArgumentException("not a SHA-256 blob hash: " + hash);
        for (int k = 0; k < HASH; k++) hashes[i * HASH + k] = (byte) HexFormat.fromHexDigits(hash, 2 * k, 2 * k + 2);
    }

    /** The instance shared by messages with exactly these flags (keywords in the same case). */
    private Flags share(Flags f) {
        if (sharedFlags.size() >= MAX_SHARED_FLAGS) sharedFlags.clear(); // entries keep theirs; only sharing restarts
        Flags shared = sharedFlags.putIfAbsent(new FlagsKey(Flag.toBits(f.system()), f.keywordString()), f);
        return shared == null ? f : shared;
    }

    /** Distinct flag sets remembered for sharing; more only when clients invent many keyword combinations. */
    private static final int MAX_SHARED_FLAGS = 1024;

    private record FlagsKey(int bits, String keywords) { }

    private void allocate(int capacity) {
        uids = new long[capacity];
        modseqs = new long[capacity];
        sizes = new long[capacity];
        dates = new long[capacity];
        offsets = new int[capacity];
        flags = new Flags[capacity];
        hashes = new byte[capacity * HASH];
    }

    private void grow() {
        int capacity = Math.max(16, uids.length + (uids.length >> 1));
        uids = Arrays.copyOf(uids, capacity);
        modseqs = Arrays.copyOf(modseqs, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        dates = Arrays.copyOf(dates, capacity);
        offsets = Arrays.copyOf(offsets, capacity);
        flags = Arrays.copyOf(flags, capacity);
        hashes = Arrays.copyOf(hashes, capacity * HASH);
    }

    // ------------------------------------------------------------ compact listing (POP3 maildrop)

    /** Every live message as parallel arrays (copies), ascending UID: no object per message. */
    dev.surel.store.MessageList list() {
        lock.readLock().lock();
        try {
            java.util.BitSet seen = new java.util.BitSet(size);
            Flags last = null;
            boolean lastSeen = false;
            for (int i = 0; i < size; i++) {
                if (flags[i] != last) { // flag sets are shared: a handful of distinct instances
                    last = flags[i];
                    lastSeen = last.has(Flag.SEEN);
                }
                if (lastSeen) seen.set(i);
            }
            return new dev.surel.store.MessageList(Arrays.copyOf(uids, size), Arrays.copyOf(sizes, size), seen,
                    Arrays.copyOf(hashes, size * HASH));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Approximate bytes held (for the memory budget). */
    long bytes() {
        return 128L + uids.length * (8L * 4 + 4 + 4 + HASH);
    }
}
