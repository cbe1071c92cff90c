package dev.surel.maildrop;

import dev.surel.store.StoreTransaction;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.SqlTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * POP3's own rows ({@code V3__pop3.sql}): first downloads and hidden messages, keyed by
 * (mailbox id, UID). SQL shared by SQLite and PostgreSQL (upserts with {@code ON CONFLICT}).
 *
 * <p>A login needs the marks of every message of its maildrop; they are kept in memory per
 * mailbox ({@link MailboxMarks}: sorted UID arrays), read from the table once and then kept
 * current, so a login of a 10,000-message maildrop reads no row. That is correct because:
 * <ul>
 *   <li>rows are written only by the POP3 UPDATE state ({@link #record} inside the QUIT
 *       transaction, then {@link #recorded} with what it wrote, or {@link #forget} when the
 *       transaction's outcome is unknown), and a mailbox's marks are read and written only under
 *       its account's maildrop lock, which both hold: nothing changes them behind the cache;</li>
 *   <li>the only other deletion is of rows whose message is gone ({@link #deleteOrphans}): UIDs
 *       are never reused, so a cached mark of a gone UID is never asked for again;</li>
 *   <li>ids are never reused either, so a deleted mailbox's marks are never asked for again, and
 *       they go with the other unused ones: after {@link #IDLE_NANOS} without a login, or least
 *       recently used first when all marks together pass the budget (about 32 MiB).</li>
 * </ul>
 * Like the maildrop lock, the cache is per server process (one node); several nodes sharing
 * one database would need the lock and the marks in that database.
 */
public final class Pop3Rows {

    /** One message of one mailbox. */
    public record MessageKey(long mailboxId, long uid) { }

    /** A downloaded message with its account and first-download time (epoch ms). */
    public record Downloaded(long accountId, long mailboxId, long uid, long firstDownload) { }

    /** Marks unused this long are dropped from the cache (a phone polls every few minutes). */
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(15);
    static final long TRIM_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** UIDs the cache holds at most by default (8 octets each: 32 MiB). */
    static final long BUDGET_UIDS = 4_000_000;
    private static final VarHandle TRIM;

    static {
        try {
            TRIM = MethodHandles.lookup().findVarHandle(Pop3Rows.class, "lastTrim", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Database db;
    private final ConcurrentHashMap<Long, Cached> cache = new ConcurrentHashMap<>();
    private final long budgetUids;
    private final long trimEveryNanos;
    private volatile long lastTrim = System.nanoTime();

    public Pop3Rows(Database db) {
        this(db, BUDGET_UIDS, TRIM_EVERY_NANOS);
    }

    /** With a cache of at most {@code budgetUids} marks, trimmed at most every {@code trimEveryNanos} (for tests). */
    Pop3Rows(Database db, long budgetUids, long trimEveryNanos) {
        this.db = db;
        this.budgetUids = budgetUids;
        this.trimEveryNanos = trimEveryNanos;
    }

    /** A mailbox's marks in the cache and when a session last asked for them ({@link System#nanoTime}). */
    private static final class Cached {
        volatile MailboxMarks marks;
        volatile long lastUsed;

        Cached(MailboxMarks marks, long now) {
            this.marks = marks;
            this.lastUsed = now;
        }
    }

    /**
     * The marks of each given mailbox (every id gets an entry, {@link MailboxMarks#NONE} when POP3
     * never touched it): from the cache, else with one query for all the mailboxes not cached,
     * whose answer is then cached. Call it under the account's maildrop lock (see the class).
     */
    public Map<Long, MailboxMarks> marks(Collection<Long> mailboxIds) {
        long now = System.nanoTime();
        trimIfDue(now);
        Map<Long, MailboxMarks> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (long id : mailboxIds) {
            Cached c = cache.get(id);
            if (c == null) {
                missing.add(id);
            } else {
                c.lastUsed = now;
                out.put(id, c.marks);
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, MailboxMarks> read = read(missing);
            for (var e : read.entrySet()) {
                cache.put(e.getKey(), new Cached(e.getValue(), now));
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Reads the marks of the given mailboxes: one query, rows in key order (no sort, no object per row). */
    private Map<Long, MailboxMarks> read(List<Long> mailboxIds) {
        String in = String.join(",", mailboxIds.stream().map(id -> "?").toList());
        return db.read(c -> {
            Map<Long, LongList[]> lists = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT mailbox_id, uid, hidden, first_download IS NOT NULL "
                    + "FROM pop3_messages WHERE mailbox_id IN (" + in + ") ORDER BY mailbox_id, uid")) {
                int i = 1;
                for (long id : mailboxIds) ps.setLong(i++, id);
                try (ResultSet rs = ps.executeQuery()) {
                    long current = Long.MIN_VALUE;
                    LongList[] l = null;
                    while (rs.next()) {
                        long mailbox = rs.getLong(1);
                        if (l == null || mailbox != current) {
                            current = mailbox;
                            l = lists.computeIfAbsent(mailbox, k -> new LongList[] {new LongList(), new LongList()});
                        }
                        long uid = rs.getLong(2);
                        if (rs.getInt(3) != 0) l[1].add(uid);
                        if (rs.getInt(4) != 0) l[0].add(uid);
                    }
                }
            }
            Map<Long, MailboxMarks> out = new HashMap<>();
            for (long id : mailboxIds) {
                LongList[] l = lists.get(id);
                out.put(id, l == null ? MailboxMarks.NONE : new MailboxMarks(l[0].toArray(), l[1].toArray()));
            }
            return out;
        });
    }

    /**
     * After {@link #record}'s transaction committed: adds what it wrote to the cached marks of those
     * mailboxes (a mailbox not cached is read from the table when next asked for).
     */
    public void recorded(Collection<MessageKey> downloaded, Collection<MessageKey> hidden) {
        Map<Long, LongList[]> by = new HashMap<>();
        for (MessageKey k : downloaded) by.computeIfAbsent(k.mailboxId(), x -> new LongList[] {new LongList(), new LongList()})[0].add(k.uid());
        for (MessageKey k : hidden) by.computeIfAbsent(k.mailboxId(), x -> new LongList[] {new LongList(), new LongList()})[1].add(k.uid());
        for (var e : by.entrySet()) {
            Cached c = cache.get(e.getKey());
            if (c != null) c.marks = c.marks.with(e.getValue()[0].toArray(), e.getValue()[1].toArray());
        }
    }

    /** Forgets the cached marks of these mailboxes (after a write whose outcome is unknown): the next login reads them. */
    public void forget(Collection<Long> mailboxIds) {
        for (long id : mailboxIds) cache.remove(id);
    }

    /** Mailboxes whose marks are cached (for tests). */
    public int cached() {
        return cache.size();
    }

    /** At most every {@link #TRIM_EVERY_NANOS} (a minute): drops marks unused for {@link #IDLE_NANOS}, then the least recently used over the budget. */
    private void trimIfDue(long now) {
        long last = lastTrim;
        if (now - last < trimEveryNanos || !TRIM.compareAndSet(this, last, now)) return;
        long total = 0;
        List<Map.Entry<Long, Long>> used = new ArrayList<>();
        for (var e : cache.entrySet()) {
            Cached c = e.getValue();
            long seen = c.lastUsed; // read once: a session may move it meanwhile
            if (now - seen > IDLE_NANOS) {
                cache.remove(e.getKey(), c);
            } else {
                total += c.marks.count();
                used.add(Map.entry(e.getKey(), seen));
            }
        }
        if (total <= budgetUids) return;
        used.sort(Map.Entry.comparingByValue());
        for (var e : used) {
            if (total <= budgetUids) break;
            Cached c = cache.remove(e.getKey());
            if (c != null) total -= c.marks.count();
        }
    }

    /** A growable array of longs. */
    private static final class LongList {
        long[] a = new long[16];
        int n;

        void add(long v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Records first downloads (an earlier one wins) and hidden marks, inside the caller's transaction. */
    public static void record(StoreTransaction tx, Collection<MessageKey> downloaded, Collection<MessageKey> hidden, long now)
            throws SQLException {
        Connection c = SqlTransaction.connection(tx);
        if (!downloaded.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pop3_messages (mailbox_id, uid, first_download, hidden) "
                    + "VALUES (?, ?, ?, 0) ON CONFLICT (mailbox_id, uid) DO UPDATE SET "
                    + "first_download = COALESCE(pop3_messages.first_download, excluded.first_download)")) {
                for (MessageKey k : downloaded) {
                    ps.setLong(1, k.mailboxId());
                    ps.setLong(2, k.uid());
                    ps.setLong(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!hidden.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pop3_messages (mailbox_id, uid, first_download, hidden) "
                    + "VALUES (?, ?, NULL, 1) ON CONFLICT (mailbox_id, uid) DO UPDATE SET hidden = 1")) {
                for (MessageKey k : hidden) {
                    ps.setLong(1, k.mailboxId());
                    ps.setLong(2, k.uid());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Live messages first downloaded at or before {@code cutoff} (epoch ms), with their account. */
    public List<Downloaded> downloadedBefore(long cutoff) {
        return db.read(c -> {
            List<Downloaded> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT mb.account_id, p.mailbox_id, p.uid, p.first_download "
                    + "FROM pop3_messages p JOIN mailboxes mb ON mb.id = p.mailbox_id "
                    + "JOIN messages m ON m.mailbox_id = p.mailbox_id AND m.uid = p.uid AND m.expunged_at IS NULL "
                    + "WHERE p.first_download IS NOT NULL AND p.first_download <= ? ORDER BY mb.account_id, p.mailbox_id, p.uid")) {
                ps.setLong(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Downloaded(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Deletes rows whose message is no longer live (expunged, purged, its mailbox or account gone). */
    public int deleteOrphans() {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pop3_messages WHERE NOT EXISTS (SELECT 1 FROM messages m "
                    + "WHERE m.mailbox_id = pop3_messages.mailbox_id AND m.uid = pop3_messages.uid AND m.expunged_at IS NULL)")) {
                return ps.executeUpdate();
            }
        });
    }

    /** The first-download time of a message (epoch ms), or -1; for tests and the admin view. */
    public long firstDownload(long mailboxId, long uid) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT first_download FROM pop3_messages WHERE mailbox_id = ? AND uid = ?")) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return -1L;
                    long v = rs.getLong(1);
                    return rs.wasNull() ? -1L : v;
                }
            }
        });
    }
}
