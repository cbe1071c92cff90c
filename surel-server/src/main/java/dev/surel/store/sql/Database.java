package dev.surel.store.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 *       visible in allocation order, because transactions commit one after the other.</li>
 *   <li>Reads use a small pool of separate connections; WAL gives each read transaction a
 *       consistent snapshot and never blocks the writer.</li>
 *   <li>The schema is created and upgraded by versioned Flyway migrations
 *       ({@code db/migration/V*.sql}) written once for both dialects (see {@link Dialect}).</li>
 * </ul>
 * A PostgreSQL backend keeps the same {@link #read}/{@link #write} contract; there the
 * per-mailbox ordering comes from a row lock on the mailbox instead of the single writer.
 */
public final class Database implements AutoCloseable {

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
     * durable. Writers are serialised; the transaction is rolled back if {@code tx} throws.
     */
    public <T> T write(Tx<T> tx) {
        writeLock.lock();
        try {
            ensureOpen();
            try {
                T result = tx.run(writer);
                writer.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(writer);
                throw new StorageException(e);
            } catch (RuntimeException e) {
                rollbackQuietly(writer);
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Like {@link #write(Tx)}, and after the commit, still holding the write lock, hands the
     * result to {@code afterCommit}. Used to publish change events in commit order;
     * {@code afterCommit} must not block or do I/O (it runs while every other writer waits).
     */
    public <T> T write(Tx<T> tx, java.util.function.Consumer<? super T> afterCommit) {
        writeLock.lock();
        try {
            T result = write(tx);
            afterCommit.accept(result);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /** True when the calling thread is inside {@link #write}. */
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
