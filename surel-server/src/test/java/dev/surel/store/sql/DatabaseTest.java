package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir Path dir;

    @Test
    void migratesAndRunsInWalWithFullSync() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 2)) {
            String mode = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            int sync = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(mode).isEqualTo("wal");
            assertThat(sync).isEqualTo(2); // FULL
            assertThat(db.<Long>read(c -> c.createStatement().executeQuery("SELECT count(*) FROM mailboxes").getLong(1))).isZero();
        }
    }

    /** A backup records the schema version and restore refuses a newer one: the constant must follow the scripts. */
    @Test
    void schemaVersionIsTheHighestMigrationScript() throws Exception {
        Path scripts = Path.of(Database.class.getResource("/db/migration").toURI());
        int highest;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(scripts)) {
            highest = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).isEqualTo(highest);
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            assertThat(db.<Long>read(c -> c.createStatement().executeQuery(
                    "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1").getLong(1)))
                    .isEqualTo(highest);
        }
    }

    @Test
    void failedWriteRollsBack() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            assertThatThrownBy(() -> db.write(c -> {
                c.createStatement().executeUpdate("INSERT INTO domains (name, created_at) VALUES ('a.example', 0)");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(db.<Long>read(c -> c.createStatement().executeQuery("SELECT count(*) FROM domains").getLong(1))).isZero();
        }
    }

    @Test
    void concurrentWritersShareOneCommitAndAFailingOneIsRolledBackAlone() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread first = Thread.ofVirtual().start(() -> db.write(c -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return c.createStatement().executeUpdate("INSERT INTO domains (name, created_at) VALUES ('first.example', 0)");
            }));
            holding.await();
            long commitsBefore = db.commits();
            int writers = 15;
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    int n = i;
                    results.add(pool.submit(() -> db.write(c -> {
                        c.createStatement().executeUpdate("INSERT INTO domains (name, created_at) VALUES ('d" + n + ".example', 0)");
                        if (n == 7) throw new IllegalArgumentException("refused " + n); // its insert must vanish, the others stay
                        return n;
                    })));
                }
                while (db.queuedWrites() < writers) Thread.sleep(5);
                release.countDown();
                first.join();
                for (int i = 0; i < writers; i++) {
                    if (i == 7) {
                        int k = i;
                        assertThatThrownBy(() -> results.get(k).get()).hasCauseInstanceOf(IllegalArgumentException.class);
                    } else {
                        assertThat(results.get(i).get()).isEqualTo(i);
                    }
                }
            }
            assertThat(db.commits() - commitsBefore).as("the 15 queued writers share one commit").isEqualTo(2);
            assertThat(db.<Long>read(c -> c.createStatement().executeQuery("SELECT count(*) FROM domains").getLong(1))).isEqualTo(15L);
            assertThat(db.<Long>read(c -> c.createStatement().executeQuery("SELECT count(*) FROM domains WHERE name = 'd7.example'").getLong(1))).isZero();
        }
    }

    /**
     * SQLite runs in native code, where a virtual thread pins its carrier: a commit waiting for its
     * WAL fsync there took one of the few carriers (one per core) from every session for that
     * long. Writes asked for by virtual threads (every session) run on a platform thread.
     */
    @Test
    void writesOfVirtualThreadsRunOnAPlatformThread() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            java.util.concurrent.atomic.AtomicReference<Thread> ranOn = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean inWrite = new java.util.concurrent.atomic.AtomicBoolean();
            Thread caller = Thread.ofVirtual().start(() -> db.write(c -> {
                ranOn.set(Thread.currentThread());
                inWrite.set(db.inWrite());
                return c.createStatement().executeUpdate("INSERT INTO domains (name, created_at) VALUES ('v.example', 0)");
            }));
            caller.join();
            assertThat(ranOn.get()).isNotNull();
            assertThat(ranOn.get().isVirtual()).as("the thread that ran the write transaction is virtual").isFalse();
            assertThat(inWrite.get()).as("inWrite() inside the transaction").isTrue();
            assertThat(db.inWrite()).as("inWrite() outside").isFalse();
            assertThat(db.<Long>read(c -> c.createStatement().executeQuery("SELECT count(*) FROM domains").getLong(1))).isEqualTo(1L);
        }
    }

    /** Closing fails the writes still queued and ends the writer thread; a write after close is refused. */
    @Test
    void closeEndsTheWriterAndRefusesLaterWrites() throws Exception {
        Database db = Database.openSqlite(dir.resolve("surel.db"), 1);
        db.write(c -> c.createStatement().executeUpdate("INSERT INTO domains (name, created_at) VALUES ('a.example', 0)"));
        db.close();
        assertThat(db.writerRunning()).as("writer thread after close").isFalse();
        assertThatThrownBy(() -> db.write(c -> 1)).isInstanceOf(Database.StorageException.class).hasMessageContaining("closed");
    }

    @Test
    void aNestedWriteIsRefused() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            assertThatThrownBy(() -> db.write(c -> db.write(c2 -> 1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nested");
        }
    }

    /**
     * A store upgraded by a newer Surel (a migration this one does not know) is refused at open,
     * saying so, instead of being used with a schema this code was not written for (Flyway by
     * default ignores such "future" migrations). Nothing is changed in it.
     */
    @Test
    void aStoreMadeByANewerSurelIsRefused() throws Exception {
        Path file = dir.resolve("surel.db");
        try (Database db = Database.openSqlite(file, 1)) {
            db.write(c -> {
                try (var ps = c.prepareStatement("INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                        + "script, checksum, installed_by, installed_on, execution_time, success) "
                        + "VALUES (99, ?, 'from the future', 'SQL', 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)")) {
                    ps.setString(1, String.valueOf(Database.SCHEMA_VERSION + 1));
                    return ps.executeUpdate();
                }
            });
        }
        long size = java.nio.file.Files.size(file);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Database.openSqlite(file, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema version " + (Database.SCHEMA_VERSION + 1) + ", newer than this Surel's " + Database.SCHEMA_VERSION)
                .hasMessageContaining("upgraded by a newer Surel");
        assertThat(java.nio.file.Files.size(file)).isEqualTo(size);
    }
}
