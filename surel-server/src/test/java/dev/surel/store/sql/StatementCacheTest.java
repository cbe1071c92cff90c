package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    @TempDir Path dir;

    private static final String ONE = "SELECT count(*) FROM domains WHERE name = ?";

    @Test
    void theSameSqlIsCompiledOncePerConnection() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            db.write(c -> Sql.update(c, "INSERT INTO domains (name, created_at) VALUES (?, 0)", "a.example"));
            long[] counts = db.read(c -> {
                long before = StatementCache.prepared(c);
                long sum = 0;
                for (int i = 0; i < 50; i++) sum += Sql.queryLong(c, -1, ONE, i % 2 == 0 ? "a.example" : "b.example");
                return new long[] {StatementCache.prepared(c) - before, sum};
            });
            assertThat(counts[0]).isEqualTo(1); // not 50
            assertThat(counts[1]).isEqualTo(25); // parameters of one use never leak into the next
            assertThat(db.<Boolean>read(c -> StatementCache.prepared(c) > 0 && Sql.queryLong(c, -1, ONE, "a.example") == 1)).isTrue();
        }
    }

    @Test
    void aStatementInUseIsNotHandedOutTwice() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            db.write(c -> {
                for (String d : List.of("a.example", "b.example", "c.example")) {
                    Sql.update(c, "INSERT INTO domains (name, created_at) VALUES (?, 0)", d);
                }
                return null;
            });
            // the same SQL run inside its own row loop: the inner use must not reset the outer cursor
            List<String> seen = db.read(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = Sql.prepare(c, "SELECT name FROM domains WHERE name > ? ORDER BY name", "");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                        out.add("inner:" + Sql.list(c, r -> r.getString(1), "SELECT name FROM domains WHERE name > ? ORDER BY name", rs.getString(1)).size());
                    }
                }
                return out;
            });
            assertThat(seen).containsExactly("a.example", "inner:2", "b.example", "inner:1", "c.example", "inner:0");
        }
    }

    @Test
    void aStatementPutBackWithAnOpenResultSetHoldsNoSnapshot() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            db.write(c -> Sql.update(c, "INSERT INTO domains (name, created_at) VALUES (?, 0)", "a.example"));
            // a caller that closes the statement but not its result set
            db.read(c -> {
                PreparedStatement ps = c.prepareStatement("SELECT name FROM domains");
                ResultSet rs = ps.executeQuery();
                rs.next();
                ps.close();
                assertThat(ps.isClosed()).isTrue();
                assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class);
                return null;
            });
            db.write(c -> Sql.update(c, "INSERT INTO domains (name, created_at) VALUES (?, 0)", "b.example"));
            // the reader connection sees the new row: no read transaction was left open on it
            List<String> names = db.read(c -> Sql.list(c, r -> r.getString(1), "SELECT name FROM domains"));
            assertThat(names).hasSize(2);
        }
    }

    @Test
    void closingTheConnectionClosesItsStatements() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 1)) {
            Connection c = StatementCache.wrap(java.sql.DriverManager.getConnection(db.url()));
            PreparedStatement ps = c.prepareStatement(ONE);
            ps.close();
            c.close();
            assertThat(c.isClosed()).isTrue();
        }
    }
}
