package dev.surel.queue;

import dev.surel.queue.QueuedRecipient.State;
import dev.surel.store.SpooledMessage;
import dev.surel.store.blob.BlobStore;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The durable queue in the metadata database ({@code queue_messages}, {@code queue_recipients},
 * migration V2) with message bytes in the {@link BlobStore}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@link #accept} puts the blob in place (rename, directory fsync, before taking the write
 *       lock, see {@link BlobStore#place}), then re-checks it and inserts the message and one
 *       record per recipient in one {@link Database#write}; concurrent sessions share that
 *       transaction's sync (group commit). When it returns, a {@code kill -9} loses nothing
 *       (RFC 5321 §6.1: the 250 takes responsibility for the message).</li>
 *   <li>The queued blob stays referenced (the blob GC skips blobs a {@code queue_messages} row
 *       names) until the message row is deleted, which happens in the transaction that leaves
 *       no recipient queued and no DSN owed.</li>
 *   <li>A record changes state only from {@code queued} ({@code WHERE state = 'queued'}), so an
 *       outcome arriving for a record deleted or finished meanwhile changes nothing.</li>
 * </ul>
 * This class holds no threads; {@link QueueRunner} drives delivery and is told about new work
 * through {@link #onNewWork}.
 */
public final class SqlMailQueue implements MailQueue {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SqlMailQueue.class);

    private static final String COLUMNS = "m.queue_id, m.blob_hash, m.size, m.reverse_path, m.ret, m.envid, m.body, "
            + "m.smtputf8, m.auth_user, m.client_address, m.received_at, m.auth_results, m.junk, m.require_tls, r.id, r.address, r.account_id, r.rcpt_to, r.orcpt, "
            + "r.notify, r.state, r.reported, r.attempts, r.next_attempt_at, r.last_attempt_at, r.last_status, r.last_reply, "
            + "r.remote_host, r.delay_reported";
    private static final String FROM = " FROM queue_recipients r JOIN queue_messages m ON m.queue_id = r.queue_id ";

    private final Database db;
    private final BlobStore blobs;
    private final Clock clock;
    private volatile Runnable onNewWork = () -> { };

    public SqlMailQueue(Database db, BlobStore blobs, Clock clock) {
        this.db = db;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Called (without blocking, after the commit) whenever records become due now: accept, DSN, retry. */
    public void onNewWork(Runnable listener) {
        this.onNewWork = listener == null ? () -> { } : listener;
    }

    /** Tells the runner that records inserted by a caller's transaction ({@link #insert}) are due. */
    void newWork() {
        onNewWork.run();
    }

    // ------------------------------------------------------------ accepting

    @Override
    public String accept(String id, Envelope envelope, SpooledMessage message) {
        try {
            blobs.place(message); // rename + directory fsync outside the write lock: concurrent sessions' syncs overlap
            db.write(c -> {
                insert(c, id, envelope, message);
                return null;
            }, r -> onNewWork.run());
        } catch (RuntimeException e) {
            log.error("cannot queue a message from {}: {}", envelope.clientAddress(), e.toString());
            throw new QueueException("cannot queue the message: " + e.getMessage(), e);
        }
        return id;
    }

    /** Commits the blob and inserts the message with its records, in the caller's write transaction. */
    void insert(Connection c, String queueId, Envelope e, SpooledMessage message) throws SQLException {
        long now = clock.millis();
        blobs.commit(message);
        Sql.update(c, "INSERT INTO blobs (hash, size, created_at, structure) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (hash) DO UPDATE SET orphaned_at = NULL", message.hash(), message.size(), now, message.structure());
        Sql.update(c, "INSERT INTO queue_messages (queue_id, blob_hash, size, reverse_path, ret, envid, body, smtputf8, "
                        + "auth_user, client_address, received_at, auth_results, junk, require_tls) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                queueId, message.hash(), message.size(), e.reversePath(), e.ret() == null ? null : e.ret().name(), e.envid(),
                e.body().name(), e.smtputf8() ? 1 : 0, e.authenticatedAs(), e.clientAddress(), e.receivedAt().toEpochMilli(),
                e.authResults().isEmpty() ? null : e.authResults(), e.junk() ? 1 : 0, e.requireTls() ? 1 : 0);
        int position = 0;
        for (QueueRecipient r : e.recipients()) {
            Sql.update(c, "INSERT INTO queue_recipients (queue_id, position, address, account_id, domain, rcpt_to, orcpt, notify, "
                            + "state, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)",
                    queueId, position++, r.address(), r.localAccountId(), r.isLocal() ? null : domainOf(r.address()), r.rcptTo(),
                    r.orcpt(), notifyColumn(r.notifyOn()), now);
        }
    }

    /** A new queue id ({@link MailQueue#newId}). */
    static String newId() {
        return MailQueue.newId();
    }

    /** Reopens a queued message's bytes. */
    InputStream open(String blobHash) throws IOException {
        return blobs.open(blobHash).in();
    }

    // ------------------------------------------------------------ for the runner

    /** Messages with recipients due at {@code now} (only those recipients), oldest due first; at most {@code limit} records. */
    List<QueuedMessage> due(Instant now, int limit) {
        return due(now, limit, Set.of());
    }

    /**
     * Like {@link #due(Instant, int)}, leaving out remote recipients of the {@code skipDomains}
     * (those at their concurrency limit), so they do not hide other destinations' due records.
     */
    List<QueuedMessage> due(Instant now, int limit, Set<String> skipDomains) {
        List<Object> args = new ArrayList<>();
        args.add(now.toEpochMilli());
        String skip = "";
        if (!skipDomains.isEmpty()) {
            List<String> d = skipDomains.stream().sorted().limit(500).toList();
            skip = " AND (r.domain IS NULL OR r.domain NOT IN (" + "?,".repeat(d.size() - 1) + "?))";
            args.addAll(d);
        }
        args.add(limit);
        String sql = "SELECT " + COLUMNS + FROM + "WHERE r.state = 'queued' AND r.next_attempt_at <= ?" + skip
                + " ORDER BY r.next_attempt_at, r.id LIMIT ?";
        return db.read(c -> group(Sql.list(c, SqlMailQueue::row, sql, args.toArray())));
    }

    /** The domain of an address, lower-case A-labels (RFC 5890), as the transport and the per-domain limit see it. */
    static String domainOf(String address) {
        String d = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        try {
            return java.net.IDN.toASCII(d, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return d;
        }
    }

    /** When the earliest queued record not in {@code excluding} is due, or null when there is none. */
    Instant nextDue(Set<Long> excluding) {
        return db.read(c -> {
            List<long[]> rows = Sql.list(c, rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                    "SELECT id, next_attempt_at FROM queue_recipients WHERE state = 'queued' ORDER BY next_attempt_at LIMIT ?",
                    excluding.size() + 1);
            for (long[] r : rows) if (!excluding.contains(r[0])) return Instant.ofEpochMilli(r[1]);
            return null;
        });
    }

    /** The message with all its records, if it is still queued. */
    public Optional<QueuedMessage> find(String queueId) {
        return db.read(c -> group(Sql.list(c, SqlMailQueue::row, "SELECT " + COLUMNS + FROM
                + "WHERE m.queue_id = ? ORDER BY r.position", queueId))).stream().findFirst();
    }

    /** Messages with a finished recipient whose DSN is still owed (after a crash between outcome and report). */
    List<String> owingReports() {
        return db.read(c -> Sql.list(c, rs -> rs.getString(1),
                "SELECT DISTINCT queue_id FROM queue_recipients WHERE state <> 'queued' AND reported = 0"));
    }

    /** What became of one record in one attempt. */
    record Update(long recipientId, State state, Instant nextAttemptAt, String status, String reply, String remoteHost,
                  boolean reportOwed) {
        static Update retry(long id, Instant next, String status, String reply, String host) {
            return new Update(id, State.QUEUED, next, status, reply, host, false);
        }

        static Update finished(long id, State state, String status, String reply, String host, boolean reportOwed) {
            return new Update(id, state, null, status, reply, host, reportOwed);
        }
    }

    /** Records outcomes of one message's attempt in one transaction; deletes the message if nothing is left to do. */
    void apply(String queueId, List<Update> updates) {
        if (updates.isEmpty()) return;
        db.write(c -> {
            for (Update u : updates) apply(c, u);
            finishIfDone(c, queueId);
            return null;
        });
    }

    /**
     * Inside the transaction of a local delivery: marks the record delivered and finishes the
     * message if it was the last. Throws {@link RecordGone} (rolling the delivery back) when the
     * record is no longer queued (deleted by an administrator, or already delivered).
     */
    void markDelivered(Connection c, String queueId, Update u) throws SQLException {
        if (apply(c, u) == 0) throw new RecordGone(u.recipientId());
        finishIfDone(c, queueId);
    }

    private int apply(Connection c, Update u) throws SQLException {
        long now = clock.millis();
        if (u.state() == State.QUEUED) {
            return Sql.update(c, "UPDATE queue_recipients SET attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?, "
                            + "last_status = ?, last_reply = ?, remote_host = ? WHERE id = ? AND state = 'queued'",
                    u.nextAttemptAt().toEpochMilli(), now, u.status(), u.reply(), u.remoteHost(), u.recipientId());
        }
        return Sql.update(c, "UPDATE queue_recipients SET state = ?, reported = ?, attempts = attempts + 1, last_attempt_at = ?, "
                        + "last_status = ?, last_reply = ?, remote_host = ? WHERE id = ? AND state = 'queued'",
                u.state().column(), u.reportOwed() ? 0 : 1, now, u.status(), u.reply(), u.remoteHost(), u.recipientId());
    }

    private static void finishIfDone(Connection c, String queueId) throws SQLException {
        long open = Sql.queryLong(c, 0, "SELECT count(*) FROM queue_recipients WHERE queue_id = ? AND (state = 'queued' OR reported = 0)",
                queueId);
        if (open == 0) {
            Sql.update(c, "DELETE FROM queue_recipients WHERE queue_id = ?", queueId);
            Sql.update(c, "DELETE FROM queue_messages WHERE queue_id = ?", queueId);
        }
    }

    /** A DSN to queue together with marking the records it reports. */
    record NewDsn(String queueId, Envelope envelope, SpooledMessage content) { }

    /**
     * Marks records reported and, in the same transaction, queues their DSN (null: none is
     * sent, e.g. for a null reverse path). Records already reported are left alone; if any
     * was, nothing changes and false is returned (another pass reported them).
     */
    boolean reported(String queueId, Collection<Long> recipientIds, NewDsn dsn) {
        return reported(queueId, recipientIds, List.of(), dsn);
    }

    /** Like {@link #reported(String, Collection, NewDsn)}, and marks {@code delayedIds} (still queued) as warned. */
    boolean reported(String queueId, Collection<Long> recipientIds, Collection<Long> delayedIds, NewDsn dsn) {
        return db.write(c -> {
            int n = 0;
            for (long id : recipientIds) {
                n += Sql.update(c, "UPDATE queue_recipients SET reported = 1 WHERE id = ? AND state <> 'queued' AND reported = 0", id);
            }
            for (long id : delayedIds) {
                n += Sql.update(c, "UPDATE queue_recipients SET delay_reported = 1 WHERE id = ? AND state = 'queued' "
                        + "AND delay_reported = 0", id);
            }
            if (n != recipientIds.size() + delayedIds.size()) throw new RecordGone(-1);
            if (dsn != null) insert(c, dsn.queueId(), dsn.envelope(), dsn.content());
            finishIfDone(c, queueId);
            return true;
        }, r -> {
            if (dsn != null) onNewWork.run();
        });
    }

    /** A record is no longer queued: the delivery transaction that noticed it rolls back. */
    static final class RecordGone extends RuntimeException {
        RecordGone(long id) {
            super("queue record " + id + " is no longer queued", null, false, false);
        }
    }

    // ------------------------------------------------------------ administration

    /** Every queued message with all its records, oldest first. */
    public List<QueuedMessage> list() {
        return db.read(c -> group(Sql.list(c, SqlMailQueue::row, "SELECT " + COLUMNS + FROM
                + "ORDER BY m.received_at, m.queue_id, r.position")));
    }

    /**
     * How much the queue holds (two aggregate queries): messages, recipients still to deliver, and
     * those of them already tried at least once (deferred).
     */
    public Size size() {
        return db.read(c -> new Size(Sql.queryLong(c, 0, "SELECT COUNT(*) FROM queue_messages"),
                Sql.queryLong(c, 0, "SELECT COUNT(*) FROM queue_recipients WHERE state = 'queued'"),
                Sql.queryLong(c, 0, "SELECT COUNT(*) FROM queue_recipients WHERE state = 'queued' AND attempts > 0")));
    }

    /** What {@link #size()} counts. */
    public record Size(long messages, long queuedRecipients, long deferredRecipients) { }

    /** Makes the queued records of one message ({@code queueId} non-null) or of all due now; returns how many. */
    public int retry(String queueId) {
        long now = clock.millis();
        int n = db.write(c -> queueId == null
                ? Sql.update(c, "UPDATE queue_recipients SET next_attempt_at = ? WHERE state = 'queued'", now)
                : Sql.update(c, "UPDATE queue_recipients SET next_attempt_at = ? WHERE state = 'queued' AND queue_id = ?", now, queueId));
        if (n > 0) onNewWork.run();
        return n;
    }

    /** Deletes a message and its records without any DSN; false when there is no such message. */
    public boolean delete(String queueId) {
        return db.write(c -> {
            Sql.update(c, "DELETE FROM queue_recipients WHERE queue_id = ?", queueId);
            return Sql.update(c, "DELETE FROM queue_messages WHERE queue_id = ?", queueId) > 0;
        });
    }

    // ------------------------------------------------------------ mapping

    private record Row(QueuedMessage message, QueuedRecipient recipient) { }

    private static Row row(ResultSet rs) throws SQLException {
        String ret = rs.getString(5);
        QueuedMessage m = new QueuedMessage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                ret == null ? null : Envelope.Ret.valueOf(ret), rs.getString(6), Envelope.BodyType.valueOf(rs.getString(7)),
                rs.getInt(8) != 0, rs.getString(9), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)), List.of(),
                rs.getString(12), rs.getInt(13) != 0, rs.getInt(14) != 0);
        int k = 3; // the recipient's columns follow the message's
        QueueRecipient qr = new QueueRecipient(rs.getString(13 + k), Sql.nullableLong(rs, 14 + k), rs.getString(15 + k),
                rs.getString(16 + k), notifySet(rs.getString(17 + k)));
        Long last = Sql.nullableLong(rs, 22 + k);
        QueuedRecipient r = new QueuedRecipient(rs.getLong(12 + k), m.queueId(), qr, State.of(rs.getString(18 + k)),
                rs.getInt(19 + k) != 0, rs.getInt(26 + k) != 0, rs.getInt(20 + k), Instant.ofEpochMilli(rs.getLong(21 + k)),
                last == null ? null : Instant.ofEpochMilli(last), rs.getString(23 + k), rs.getString(24 + k), rs.getString(25 + k));
        return new Row(m, r);
    }

    private static List<QueuedMessage> group(List<Row> rows) {
        Map<String, QueuedMessage> heads = new LinkedHashMap<>();
        Map<String, List<QueuedRecipient>> recipients = new LinkedHashMap<>();
        for (Row r : rows) {
            heads.putIfAbsent(r.message().queueId(), r.message());
            recipients.computeIfAbsent(r.message().queueId(), k -> new ArrayList<>()).add(r.recipient());
        }
        List<QueuedMessage> out = new ArrayList<>();
        heads.forEach((id, m) -> out.add(m.withRecipients(recipients.get(id))));
        return out;
    }

    static String notifyColumn(Set<QueueRecipient.Notify> notify) {
        return notify.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<QueueRecipient.Notify> notifySet(String column) {
        if (column == null || column.isEmpty()) return Set.of();
        return Arrays.stream(column.split(",")).map(QueueRecipient.Notify::valueOf).collect(Collectors.toSet());
    }
}
