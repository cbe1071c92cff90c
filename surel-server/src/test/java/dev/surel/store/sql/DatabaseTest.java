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
}
