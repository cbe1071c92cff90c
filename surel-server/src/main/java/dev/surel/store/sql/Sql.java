package dev.surel.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Small JDBC helpers shared by the SQL store classes. */
final class Sql {
    /** Chunk size for {@code IN (?, ...)} lists; below SQLite's and PostgreSQL's parameter limits. */
    static final int CHUNK = 500;

    private Sql() { }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, args);
        return ps;
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) throw new SQLException("no generated key");
                return rs.getLong(1);
            }
        }
    }

    /** The first column of the first row as a long; {@code ifNone} when there is no row or it is NULL. */
    static long queryLong(Connection c, long ifNone, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return ifNone;
            long v = rs.getLong(1);
            return rs.wasNull() ? ifNone : v;
        }
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> list(Connection c, RowMapper<T> mapper, String sql, Object... args) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(mapper.map(rs));
        }
        return out;
    }

    /**
     * Runs {@code sqlWithIn} (which contains the marker {@code IN_UIDS}) once per chunk of the
     * distinct, sorted UIDs, appending the chunk after {@code leadingArgs}; rows come out in
     * ascending UID order when the statement orders by uid.
     */
    static <T> List<T> listByUids(Connection c, RowMapper<T> mapper, String sqlWithIn, Collection<Long> uids,
                                  Object... leadingArgs) throws SQLException {
        List<Long> sorted = new ArrayList<>(new TreeSet<>(uids));
        List<T> out = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += CHUNK) {
            List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
            String in = "uid IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            Object[] args = new Object[leadingArgs.length + chunk.size()];
            System.arraycopy(leadingArgs, 0, args, 0, leadingArgs.length);
            for (int i = 0; i < chunk.size(); i++) args[leadingArgs.length + i] = chunk.get(i);
            out.addAll(list(c, mapper, sqlWithIn.replace("IN_UIDS", in), args));
        }
        return out;
    }
}
