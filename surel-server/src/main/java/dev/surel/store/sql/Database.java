package dev.surel.store.sql;

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
 *       Concurrent writers share one commit (group commit, see {@link #write(Tx, java.util.function.Consumer)}).</li>
 *   <li>Reads use a small pool of separate connections; WAL gives each read transaction a
 *       consistent snapshot and never blocks the writer.</li>
 *   <li>The schema is created and upgraded by versioned Flyway migrations
 *       ({@code db/migration/V*.sql}) written once for both dialects (see {@link Dialect}).</li>
 * </ul>
 * A PostgreSQL backend keeps the same {@link #read}/{@link #write} contract; there the
 * per-mailbox ordering comes from a row lock on the mailbox instead of the single writer.
 */
public final class Database implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> readers;
    private volatile boolean closed;

    private Database(String url, int readConnections) throws SQLException {
        this.url = url;
        this.writer = open(url);
        this.readers = new ArrayBlockingQueue<>(readConnections);
        for (int i = 0; i < readConnections; i++) {
            Connection r = open(url);
            readers.add(r);
        }
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
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .loggers("slf4j")
                .load()
                .migrate();
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
        return c;
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
     * <p>Group commit: writers that arrive while another one holds the lock queue their work;
     * the next thread to get the lock runs every queued piece of work in one transaction, each
     * inside its own savepoint (a failing piece is rolled back alone and gets its exception), and
     * commits them with one sync. So N concurrent deliveries cost one WAL fsync, not N, and each
     * caller still returns only after its own change is durable. A caller whose work a leader ran
     * is woken by that leader once the batch committed and returns without taking the lock (taking
     * a fair lock in turn only to learn "done" made every finished writer of a batch queue behind
     * the next batch: a convoy under load); a leader leaving with writes queued wakes the oldest.
     */
    public <T> T write(Tx<T> tx, java.util.function.Consumer<? super T> afterCommit) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("nested Database.write: pass the transaction's Connection instead");
        }
        Pending<T> mine = new Pending<>(tx, afterCommit);
        queue.add(mine);
        while (!mine.done) {
            if (writeLock.tryLock()) {
                try {
                    while (!mine.done) runBatch();
                } finally {
                    writeLock.unlock();
                }
                wakeNext();
            } else {
                // the holder runs this write in its batch and wakes us when it is durable, or wakes
                // us to lead when it leaves with writes still queued; the timeout is only a backstop
                java.util.concurrent.locks.LockSupport.parkNanos(this, PARK_BACKSTOP_NANOS);
            }
        }
        return mine.outcome();
    }

    /** Longest a queued writer sleeps before it looks at the lock again by itself. */
    private static final long PARK_BACKSTOP_NANOS = 50_000_000L;

    /**
     * Called by every writer after it released the lock: the oldest queued write's thread is
     * woken to lead the next batch. A writer whose tryLock failed saw the lock held, so the holder's
     * unlock and this call come after its enqueue: no queued write is left without a leader.
     */
    private void wakeNext() {
        Pending<?> head = queue.peek();
        if (head != null) java.util.concurrent.locks.LockSupport.unpark(head.thread);
    }

    /** Largest number of queued writes committed together. */
    static final int MAX_BATCH = 256;

    private final java.util.concurrent.ConcurrentLinkedQueue<Pending<?>> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    /** One caller's work in a batch; written by the batch's leader under the lock, read by the caller after it. */
    private static final class Pending<T> {
        final Tx<T> tx;
        final java.util.function.Consumer<? super T> afterCommit;
        T result;
        RuntimeException failure;
        final Thread thread = Thread.currentThread();
        /** Set (after result or failure) by the batch's leader once the batch committed or failed. */
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

    /** Runs up to {@link #MAX_BATCH} queued writes in one transaction. Call with the lock held. */
    private void runBatch() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) batch.add(p);
        if (batch.isEmpty()) return;
        try {
            ensureOpen();
            if (batch.size() == 1) {
                runAlone(batch.getFirst());
            } else {
                runTogether(batch);
            }
            for (Pending<?> p : batch) {
                if (p.failure != null) continue;
                try {
                    p.published();
                } catch (RuntimeException e) {
                    log.error("after-commit action failed (the change itself is committed)", e);
                }
            }
        } catch (Throwable t) { // an Error in some tx, or a failed commit: nothing uncommitted may look done
            rollbackQuietly(writer);
            RuntimeException e = t instanceof RuntimeException re ? re : new IllegalStateException("write transaction failed: " + t, t);
            for (Pending<?> p : batch) if (p.failure == null) p.failure = e;
        } finally {
            for (Pending<?> p : batch) {
                p.done = true;
                if (p.thread != Thread.currentThread()) java.util.concurrent.locks.LockSupport.unpark(p.thread);
            }
        }
    }

    /** Writes waiting for the lock (for tests and metrics). */
    int queuedWrites() {
        return queue.size();
    }

    /** Transactions committed so far (for tests and metrics: fewer than writes means grouping happened). */
    long commits() {
        return commits.get();
    }

    private void runAlone(Pending<?> p) {
        try {
            p.run(writer);
            writer.commit();
            commits.incrementAndGet();
        } catch (SQLException e) {
            rollbackQuietly(writer);
            p.failure = new StorageException(e);
        } catch (RuntimeException e) {
            rollbackQuietly(writer);
            p.failure = e;
        }
    }

    private void runTogether(List<Pending<?>> batch) {
        for (Pending<?> p : batch) {
            java.sql.Savepoint sp;
            try {
                sp = writer.setSavepoint();
            } catch (SQLException e) {
                throw abort(batch, e);
            }
            try {
                p.run(writer);
                writer.releaseSavepoint(sp);
            } catch (SQLException | RuntimeException e) {
                p.failure = e instanceof SQLException se ? new StorageException(se) : (RuntimeException) e;
                try {
                    writer.rollback(sp);
                    writer.releaseSavepoint(sp);
                } catch (SQLException undo) {
                    throw abort(batch, undo); // the transaction itself is gone: nothing in the batch stands
                }
            }
        }
        try {
            writer.commit();
            commits.incrementAndGet();
        } catch (SQLException e) {
            throw abort(batch, e);
        }
    }

    /** Rolls the whole batch back; every piece that had not failed on its own fails with this. */
    private StorageException abort(List<Pending<?>> batch, SQLException cause) {
        rollbackQuietly(writer);
        StorageException e = new StorageException(cause);
        for (Pending<?> p : batch) if (p.failure == null) p.failure = e;
        return e;
    }

    /** True when the calling thread holds the write lock (runs write transactions). */
    public boolean inWrite() {
        return writeLock.isHeldByCurrentThread();
    }

    /** Runs {@code tx} in a read-only snapshot. */
    public <T> T read(Tx<T> tx) {
        ensureOpen();
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
            throw new StorageException(e);
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
    }

    /** An unexpected database failure (I/O, corruption, a bug): a server fault, not a user error. */
    public static final class StorageException extends RuntimeException {
        public StorageException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
