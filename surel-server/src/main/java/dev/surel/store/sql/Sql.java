package dev.surel.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The one set of small JDBC helpers: the SQL store, and the components that keep their own
 * tables in the store's database (queue, directory, POP3 state). SQL here is shared by SQLite
 * and PostgreSQL.
 */
public final class Sql {
    /** Chunk size for {@code IN (?, ...)} lists; below SQLite's and PostgreSQL's parameter limits. */
    public static final int CHUNK = 500;

    private Sql() { }

    public static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, args);
        return ps;
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    public static long insert(Connection c, String sql, Object... args) throws SQLException {
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
    public static long queryLong(Connection c, long ifNone, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return ifNone;
            long v = rs.getLong(1);
            return rs.wasNull() ? ifNone : v;
        }
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> list(Connection c, RowMapper<T> mapper, String sql, Object... args) throws SQLException {
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
    public static <T> List<T> listByUids(Connection c, RowMapper<T> mapper, String sqlWithIn, Collection<Long> uids,
                                  Object... leadingArgs) throws SQLException {
        List<Long> sorted = ascending(uids) ? (uids instanceof List<Long> l ? l : new ArrayList<>(uids)) : new ArrayList<>(new TreeSet<>(uids));
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

    /** True when the UIDs are strictly ascending already (a command's UIDs mostly are): no sort needed. */
    private static boolean ascending(Collection<Long> uids) {
        long previous = Long.MIN_VALUE;
        for (long uid : uids) {
            if (uid <= previous) return false;
            previous = uid;
        }
        return true;
    }

    /** A nullable integer column as a {@link Long} (null for SQL NULL). */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The first column of the first row as a long, or empty when there is no row. */
    public static OptionalLong queryOptionalLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    /** Binds a nullable integer parameter. */
    public static void setOptional(PreparedStatement ps, int i, OptionalLong v) throws SQLException {
        if (v.isPresent()) ps.setLong(i, v.getAsLong());
        else ps.setNull(i, java.sql.Types.BIGINT);
    }

    /** A nullable integer column, empty for SQL NULL. */
    public static OptionalLong optional(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
