package dev.surel.store.sql;

import dev.surel.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The metadata database: SQLite in WAL mode with {@code synchronous=FULL}, so a transaction
 * that {@link #write} returned from is on disk.
 *
 * <p>Invariants:
 * <ul>
 *   <li>All writes go through one connection under one lock: writers never see
 *       {@code SQLITE_BUSY}, and whatever a write transaction allocates (UIDs, MODSEQs) becomes
 *       visible in allocation order, because transactions commit one after the other.
 *       Concurrent writers share one commit (group commit, see {@link #write(Tx, java.util.function.Consumer)}),
 *       run by one platform thread, so that SQLite's native calls (a commit waits there for its
 *       fsync) never pin a virtual thread's carrier.</li>
 *   <li>Reads use a small pool of separate connections; WAL gives each read transaction a
 *       consistent snapshot and never blocks the writer.</li>
 *   <li>Every connection keeps its prepared statements ({@link StatementCache}): the same SQL is
 *       compiled once per connection, not once per query.</li>
 *   <li>The schema is created and upgraded by versioned Flyway migrations
 *       ({@code db/migration/V*.sql}) written once for both dialects (see {@link Dialect}).</li>
 * </ul>
 * A PostgreSQL backend keeps the same {@link #read}/{@link #write} contract; there the
 * per-mailbox ordering comes from a row lock on the mailbox instead of the single writer.
 */
public final class Database implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);

    /**
     * The highest schema migration this code knows ({@code db/migration/V<n>__*.sql}): a backup
     * whose schema is newer was made by a newer Surel and is not restored by this one
     * ({@code DatabaseTest} keeps this equal to the highest script's number).
     */
    public static final int SCHEMA_VERSION = 15;

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Runs every write transaction ({@link #writerLoop}); started by the constructor, ended by {@link #close}. */
    private final Thread writerThread;
    private final BlockingQueue<Connection> readers;
    private volatile boolean closed;
    /** True from a write refused as {@link StoreException.Unavailable} to the next batch that commits (for logging). */
    private boolean failing;

    private Database(String url, int readConnections) throws SQLException {
        this.url = url;
        this.writer = open(url);
        writer.setAutoCommit(true); // transactions are begun and ended explicitly, see runBatch
        this.readers = new ArrayBlockingQueue<>(readConnections);
        for (int i = 0; i < readConnections; i++) {
            Connection r = open(url);
            readers.add(r);
        }
        this.writerThread = Thread.ofPlatform().daemon().name("db-writer").start(this::writerLoop);
    }

    /** Opens (creating and migrating as needed) the SQLite database at {@code file}. */
    public static Database openSqlite(Path file, int readConnections) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            migrate(url, Dialect.SQLITE);
            return new Database(url, readConnections);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(String url, Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .loggers("slf4j")
                .load();
        refuseNewerSchema(flyway);
        flyway.migrate();
    }

    /**
     * A store a newer Surel has migrated (its schema history names a version this one has no
     * script for) is refused before anything is written: this code was not written for that
     * schema. Flyway itself would ignore such "future" migrations and go on. Going back to an
     * older Surel means restoring a backup it made (docs/operations.md, "Upgrade").
     */
    private static void refuseNewerSchema(Flyway flyway) {
        org.flywaydb.core.api.MigrationInfo current = flyway.info().current();
        if (current != null && current.getVersion() != null && current.getVersion().isNewerThan(String.valueOf(SCHEMA_VERSION))) {
            throw new IllegalStateException("the store has schema version " + current.getVersion() + ", newer than this Surel's "
                    + SCHEMA_VERSION + ": it was upgraded by a newer Surel; run that version, or restore a backup this one made");
        }
    }

    private static Connection open(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=10000");
        }
        c.setAutoCommit(false);
        return StatementCache.wrap(c);
    }

    /**
     * Runs {@code tx} in a write transaction and commits it; when this returns the change is
     * durable. If {@code tx} throws, its changes are rolled back and the exception is rethrown.
     */
    public <T> T write(Tx<T> tx) {
        return write(tx, r -> { });
    }

    /**
     * Like {@link #write(Tx)}, and after the commit, still holding the write lock, hands the
     * result to {@code afterCommit}. Used to publish change events in commit order;
     * {@code afterCommit} must not block or do I/O (it runs while every other writer waits).
     *
     * <p>Group commit: every write is queued and run by the one writer thread
     * ({@link #writerLoop}), which runs every piece of work queued so far in one transaction, each
     * inside its own savepoint (a failing piece is rolled back alone and gets its exception), and
     * commits them with one sync. So N concurrent deliveries cost one WAL fsync, not N, and each
     * caller still returns only after its own change is durable: the writer thread wakes it once
     * the batch committed. {@code tx} and {@code afterCommit} run on the writer thread, not the
     * caller's (they must not rely on the caller's thread; a write from inside one is refused).
     */
    public <T> T write(Tx<T> tx, java.util.function.Consumer<? super T> afterCommit) {
        if (Thread.currentThread() == writerThread) {
            throw new IllegalStateException("nested Database.write: pass the transaction's Connection instead");
        }
        Pending<T> mine = new Pending<>(tx, afterCommit);
        queue.add(mine);
        java.util.concurrent.locks.LockSupport.unpark(writerThread);
        boolean interrupted = false; // kept for the caller, not lost; parking with it set would spin
        try {
            while (!mine.done) {
                if (closed && queue.remove(mine)) throw new StorageException(new SQLException("database is closed"));
                // the writer thread runs this write in its next batch and wakes us once it is durable;
                // the timeout is only a backstop
                java.util.concurrent.locks.LockSupport.parkNanos(this, PARK_BACKSTOP_NANOS);
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
        return mine.outcome();
    }

    /** Longest a queued writer sleeps before it looks again by itself. */
    private static final long PARK_BACKSTOP_NANOS = 50_000_000L;

    /**
     * The writer thread's loop: runs queued writes in batches, back to back while any are queued,
     * and sleeps when none are. A platform thread on purpose: SQLite runs in native code, where a
     * virtual thread pins its carrier, and a commit waits there for its WAL fsync (and now and then
     * a checkpoint's): on a virtual thread each sync took one of the few carriers (one per core)
     * away from every session for its whole duration.
     */
    private void writerLoop() {
        while (true) {
            if (!queue.isEmpty()) {
                writeLock.lock();
                try {
                    while (!queue.isEmpty()) runBatch(); // after close() every batch fails at ensureOpen
                } finally {
                    writeLock.unlock();
                }
            } else if (closed) {
                return;
            } else {
                // no timeout: every write() unparks this thread after queueing (a permit given
                // before the park makes it return at once), and so does close(); an idle server
                // does not wake it
                java.util.concurrent.locks.LockSupport.park(this);
            }
        }
    }

    /** Largest number of queued writes committed together. */
    static final int MAX_BATCH = 256;

    private final java.util.concurrent.ConcurrentLinkedQueue<Pending<?>> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    /** One caller's work in a batch; written by the writer thread under the lock, read by the caller after it. */
    private static final class Pending<T> {
        final Tx<T> tx;
        final java.util.function.Consumer<? super T> afterCommit;
        T result;
        RuntimeException failure;
        final Thread thread = Thread.currentThread();
        /** Set (after result or failure) by the writer thread once the batch committed or failed. */
        volatile boolean done;

        Pending(Tx<T> tx, java.util.function.Consumer<? super T> afterCommit) {
            this.tx = tx;
            this.afterCommit = afterCommit;
        }

        void run(Connection c) throws SQLException {
            result = tx.run(c);
        }

        void published() {
            afterCommit.accept(result);
        }

        T outcome() {
            if (failure != null) throw failure;
            return result;
        }
    }

    /**
     * Runs up to {@link #MAX_BATCH} queued writes in one transaction. Call with the lock held.
     *
     * <p>The transaction is driven by explicit statements on a connection JDBC keeps in
     * auto-commit mode, so that nothing is ever begun or committed behind this class's back:
     * {@code BEGIN IMMEDIATE}, a {@code SAVEPOINT} around each write (a failing write is rolled
     * back alone), {@code COMMIT}. After {@code SQLITE_FULL}, {@code SQLITE_IOERR} and a few
     * others SQLite may roll the whole transaction back by itself; the next statement would then
     * run, and stay, in auto-commit. Releasing or rolling back to a write's savepoint fails when
     * that happened, and then the batch is over: every write in it fails, none is published,
     * and the next batch begins a new transaction (which is how the writer recovers, by itself,
     * once the disk has space again).
     */
    private void runBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) batch.add(p);
        if (batch.isEmpty()) return;
        try {
            ensureOpen();
            begin();
            boolean anyDone = false;
            for (Pending<?> p : batch) anyDone |= runInSavepoint(p);
            if (anyDone) {
                exec("COMMIT");
                commits.incrementAndGet();
            } else {
                exec("ROLLBACK");
            }
            for (Pending<?> p : batch) if (p.failure instanceof StoreException.Unavailable u) writesFail(u);
            if (anyDone) writesSucceed();
            for (Pending<?> p : batch) {
                if (p.failure != null) continue;
                try {
                    p.published();
                } catch (RuntimeException e) {
                    log.error("after-commit action failed (the change itself is committed)", e);
                }
            }
        } catch (Throwable t) { // the transaction is gone, the commit failed, or an Error: nothing in the batch stands
            rollbackQuietly();
            RuntimeException e = t instanceof TransactionLost lost ? lost.failure
                    : t instanceof Exception x ? failureOf(x)
                    : new IllegalStateException("write transaction failed: " + t, t);
            if (e instanceof StoreException.Unavailable u) writesFail(u);
            for (Pending<?> p : batch) if (p.failure == null) p.failure = e;
        } finally {
            for (Pending<?> p : batch) {
                p.done = true;
                if (p.thread != Thread.currentThread()) java.util.concurrent.locks.LockSupport.unpark(p.thread);
            }
        }
    }

    /**
     * Runs one write inside a savepoint; true when it succeeded. A write that throws is rolled
     * back to its savepoint and gets its exception. Throws (ending the batch) when the savepoint
     * is gone: SQLite rolled the whole transaction back by itself.
     */
    private boolean runInSavepoint(Pending<?> p) throws SQLException, TransactionLost {
        exec("SAVEPOINT w");
        try {
            p.run(writer);
        } catch (SQLException | RuntimeException e) {
            p.failure = failureOf(e);
            try {
                exec("ROLLBACK TO w");
                exec("RELEASE w");
            } catch (SQLException gone) {
                throw new TransactionLost(p.failure);
            }
            return false;
        }
        try {
            exec("RELEASE w");
        } catch (SQLException gone) { // the write swallowed the error that ended the transaction
            throw new TransactionLost(translate(gone));
        }
        return true;
    }

    /** The savepoint of a write is gone: SQLite rolled the whole transaction back because of {@link #failure}. */
    private static final class TransactionLost extends Exception {
        final RuntimeException failure;

        TransactionLost(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** What a write that threw {@code e} fails with: SQL errors translated, also when a write wrapped them. */
    private static RuntimeException failureOf(Exception e) {
        if (e instanceof SQLException se) return translate(se);
        if (e instanceof StorageException st && st.getCause() instanceof SQLException se) return translate(se);
        if (e instanceof RuntimeException re) return re;
        return new IllegalStateException("write transaction failed: " + e, e);
    }

    /** Begins the batch's transaction; one left open by a failure before is rolled back first. */
    private void begin() throws SQLException {
        try {
            exec("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("within a transaction")) throw e;
            exec("ROLLBACK");
            exec("BEGIN IMMEDIATE");
        }
    }

    /** Runs a transaction-control statement on the writer (prepared once: see {@link StatementCache}). */
    private void exec(String sql) throws SQLException {
        try (java.sql.PreparedStatement s = writer.prepareStatement(sql)) {
            s.execute();
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // "no transaction is active": SQLite already rolled it back
        }
    }

    /** Logs the start of a run of failing writes once (not once per write). */
    private void writesFail(StoreException.Unavailable u) {
        if (!failing) log.error("metadata database cannot write ({}): writes are refused until it can", u.getMessage());
        failing = true;
    }

    private void writesSucceed() {
        if (failing) log.info("metadata database writes again");
        failing = false;
    }

    /**
     * The exception a failed statement becomes: a store that cannot write for now
     * ({@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_READONLY}, {@code SQLITE_CANTOPEN},
     * {@code SQLITE_BUSY}, {@code SQLITE_LOCKED}, {@code SQLITE_NOMEM}) is the temporary
     * {@link StoreException.Unavailable}; anything else (a constraint, a bug) a {@link StorageException}.
     */
    static RuntimeException translate(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return switch (primary) {
            case 13 -> new StoreException.Unavailable(StoreException.Unavailable.Reason.DISK_FULL, e.getMessage());
            case 8 -> new StoreException.Unavailable(StoreException.Unavailable.Reason.READ_ONLY, e.getMessage());
            case 5, 6, 7, 10, 14 -> new StoreException.Unavailable(StoreException.Unavailable.Reason.IO_ERROR, e.getMessage());
            default -> new StorageException(e);
        };
    }

    /** Writes waiting for the lock (for tests and metrics). */
    int queuedWrites() {
        return queue.size();
    }

    /** True while the writer thread runs (for tests: it ends with {@link #close}). */
    boolean writerRunning() {
        return writerThread.isAlive();
    }

    /** Transactions committed so far (for tests and metrics: fewer than writes means grouping happened). */
    long commits() {
        return commits.get();
    }

    /** True when the calling thread is the writer thread running a write transaction (inside {@code tx} of {@link #write}). */
    public boolean inWrite() {
        return Thread.currentThread() == writerThread && writeLock.isHeldByCurrentThread();
    }

    /** Read transactions run since this database opened (what tests count: a read served from memory runs none). */
    public long reads() {
        return readsRun.sum();
    }

    private final java.util.concurrent.atomic.LongAdder readsRun = new java.util.concurrent.atomic.LongAdder();

    /** Runs {@code tx} in a read-only snapshot. */
    public <T> T read(Tx<T> tx) {
        ensureOpen();
        readsRun.increment();
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(new SQLException("interrupted waiting for a read connection"));
        }
        try {
            T result = tx.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw translate(e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            readers.add(c);
        }
    }

    private void ensureOpen() {
        if (closed) throw new StorageException(new SQLException("database is closed"));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            try { writer.close(); } catch (SQLException ignored) { }
            for (Connection c : readers) {
                try { c.close(); } catch (SQLException ignored) { }
            }
        } finally {
            writeLock.unlock();
        }
        // the writer thread fails what is still queued (the database is closed) and ends
        java.util.concurrent.locks.LockSupport.unpark(writerThread);
        if (Thread.currentThread() != writerThread) {
            try {
                writerThread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An unexpected database failure (I/O, corruption, a bug): a server fault, not a user error. */
    public static final class StorageException extends RuntimeException {
        public StorageException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
