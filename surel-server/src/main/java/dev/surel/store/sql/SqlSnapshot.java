package dev.surel.store.sql;

import dev.surel.store.StoreSnapshot;
import dev.surel.store.blob.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite {@link StoreSnapshot}: {@code VACUUM INTO} writes the copy in one read transaction
 * of its own connection (WAL: writers go on meanwhile, and nothing they commit later is in the
 * copy), SQLite does not sync it, so it is fsynced here; then the copy is opened read-only and
 * every count and the list of referenced blobs come from it, so they describe exactly the
 * copied state. The SQLite backup API ({@code sqlite3_backup_step}) was not used: in steps it
 * restarts whenever another connection writes, which under steady load may never finish.
 */
final class SqlSnapshot implements StoreSnapshot {

    /** Blobs a message (live or tombstone) or a queued message references, with their row's size (NULL: no row). */
    private static final String REFERENCED = "SELECT r.hash, b.size FROM (SELECT blob_hash AS hash FROM messages "
            + "UNION SELECT blob_hash FROM queue_messages) r LEFT JOIN blobs b ON b.hash = r.hash";

    private final Connection copy;
    private final BlobStore blobs;
    private final Counts counts;
    private final Runnable release;
    private boolean closed;

    private SqlSnapshot(Connection copy, BlobStore blobs, Counts counts, Runnable release) {
        this.copy = copy;
        this.blobs = blobs;
        this.counts = counts;
        this.release = release;
    }

    /**
     * Writes the copy of {@code db} to {@code target} (which must not exist) and opens it. The
     * caller has already stopped the collector's deletions; {@code release} resumes them and
     * runs on {@link #close}, or here when this fails.
     */
    static SqlSnapshot take(Database db, BlobStore blobs, Path target, Runnable release) {
        Connection copy = null;
        try {
            try (Connection source = DriverManager.getConnection(db.url());
                 PreparedStatement ps = source.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, target.toAbsolutePath().toString());
                ps.execute();
            }
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ch.force(true); // VACUUM INTO does not sync its output
            }
            SQLiteConfig ro = new SQLiteConfig();
            ro.setReadOnly(true);
            copy = ro.createConnection("jdbc:sqlite:" + target.toAbsolutePath());
            Counts counts = counts(copy);
            return new SqlSnapshot(copy, blobs, counts, release);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(copy);
            release.run();
            if (e instanceof SQLException se) throw Database.translate(se);
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    private static Counts counts(Connection c) throws SQLException {
        int schema = (int) Sql.queryLong(c, 0, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history "
                + "WHERE success = 1 AND version IS NOT NULL");
        long blobCount = 0;
        long blobBytes = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(size), 0) FROM (" + REFERENCED + ")");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                blobCount = rs.getLong(1);
                blobBytes = rs.getLong(2);
            }
        }
        return new Counts(schema,
                Sql.queryLong(c, 0, "SELECT count(*) FROM accounts"),
                Sql.queryLong(c, 0, "SELECT count(*) FROM mailboxes"),
                Sql.queryLong(c, 0, "SELECT count(*) FROM messages WHERE expunged_at IS NULL"),
                Sql.queryLong(c, 0, "SELECT count(*) FROM messages WHERE expunged_at IS NOT NULL"),
                Sql.queryLong(c, 0, "SELECT count(*) FROM queue_messages"),
                blobCount, blobBytes);
    }

    @Override
    public Counts counts() {
        return counts;
    }

    @Override
    public void blobs(BlobVisitor visitor) {
        try (PreparedStatement ps = copy.prepareStatement(REFERENCED + " ORDER BY r.hash");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String hash = rs.getString(1);
                long size = rs.getLong(2);
                if (rs.wasNull()) size = -1;
                visitor.blob(hash, size, blobs.path(hash));
            }
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeQuietly(copy);
        release.run();
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // read-only copy: nothing to lose
        }
    }
}
