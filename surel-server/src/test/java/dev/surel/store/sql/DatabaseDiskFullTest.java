package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.faults.SmallDisk;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: after SQLite answers {@code SQLITE_FULL} it may roll the whole transaction back by
 * itself; the writer must notice, fail exactly the writes of that batch, and never let a later
 * write run outside a transaction (applied, yet answered as failed). Runs on a small tmpfs that
 * is filled to the last byte, then freed: writes succeed again without reopening the database.
 */
class DatabaseDiskFullTest {
    @TempDir Path dir;

    private static final int ROW = 16 * 1024;

    @Test
    void aWriteAnsweredAsFailedIsNeverAppliedAndTheWriterRecoversWhenSpaceIsBack() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 3 * 1024 * 1024);
             Database db = Database.openSqlite(disk.dir().resolve("surel.db"), 1)) {
            db.write(c -> c.createStatement().executeUpdate("CREATE TABLE filler (k INTEGER PRIMARY KEY, v BLOB)"));
            Set<Integer> acknowledged = new TreeSet<>();
            for (int k = 0; k < 5; k++) assertThat(insert(db, k)).isTrue();
            acknowledged.addAll(List.of(0, 1, 2, 3, 4));

            disk.fillLeaving(256 * 1024); // some writes still fit, then the disk is full
            List<Integer> refused = new ArrayList<>();
            for (int k = 5; k < 200; k++) {
                if (insert(db, k)) acknowledged.add(k); else refused.add(k);
            }
            assertThat(refused).as("the full disk refused some writes").isNotEmpty();
            assertThat(acknowledged).as("writes before the disk filled").hasSizeGreaterThan(5);
            assertThat(rows(db)).as("exactly the acknowledged writes are stored").isEqualTo(acknowledged);

            disk.release();
            List<Integer> refusedAfter = new ArrayList<>();
            for (int k = 200; k < 210; k++) {
                if (insert(db, k)) acknowledged.add(k); else refusedAfter.add(k);
            }
            assertThat(rows(db)).as("exactly the acknowledged writes are stored").isEqualTo(acknowledged);
            assertThat(refusedAfter).as("writes refused after the space came back").isEmpty();
        }
    }

    @Test
    void concurrentWritersOnAFullDiskGetTruthfulAnswers() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 3 * 1024 * 1024);
             Database db = Database.openSqlite(disk.dir().resolve("surel.db"), 1)) {
            db.write(c -> c.createStatement().executeUpdate("CREATE TABLE filler (k INTEGER PRIMARY KEY, v BLOB)"));
            disk.fill();
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            Set<Integer> refused = ConcurrentHashMap.newKeySet();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int k = base; k < base + 40; k++) {
                        if (insert(db, k)) acknowledged.add(k); else refused.add(k);
                    }
                }));
            }
            for (Thread t : threads) t.join();
            assertThat(refused).isNotEmpty();
            assertThat(rows(db)).isEqualTo(new TreeSet<>(acknowledged));

            disk.release();
            assertThat(insert(db, 99_999)).isTrue();
            acknowledged.add(99_999);
            assertThat(rows(db)).isEqualTo(new TreeSet<>(acknowledged));
        }
    }

    /** Inserts row {@code k} with a 16 KiB value; true when the write returned, false when it threw. */
    private static boolean insert(Database db, int k) {
        byte[] v = new byte[ROW];
        new java.util.Random(k).nextBytes(v);
        try {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler (k, v) VALUES (?, ?)")) {
                    ps.setInt(1, k);
                    ps.setBytes(2, v);
                    return ps.executeUpdate();
                }
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Set<Integer> rows(Database db) {
        return db.read(c -> {
            Set<Integer> out = new TreeSet<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT k FROM filler")) {
                while (rs.next()) out.add(rs.getInt(1));
            }
            return Collections.unmodifiableSet(out);
        });
    }
}
