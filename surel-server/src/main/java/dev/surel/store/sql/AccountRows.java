package dev.surel.store.sql;

import dev.surel.store.Quota;
import dev.surel.store.StoreException;
import dev.surel.store.StoreSettings;
import dev.surel.store.StoreTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The store's view of {@code accounts}: the per-account MODSEQ counter, usage and quota.
 * Another component creates account rows; the store only updates used_* and highest_modseq.
 */
final class AccountRows {
    private AccountRows() { }

    /** Bumps and returns the account's MODSEQ counter (call inside a write transaction): one statement. */
    static long nextModseq(Connection c, long accountId) throws SQLException {
        java.util.OptionalLong next = Sql.queryOptionalLong(c,
                "UPDATE accounts SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq", accountId);
        if (next.isEmpty()) throw new StoreException.NotFound("account " + accountId);
        return next.getAsLong();
    }

    static Quota quota(Connection c, long accountId, StoreSettings settings) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c,
                "SELECT used_bytes, quota_bytes, used_messages, quota_messages FROM accounts WHERE id = ?", accountId);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new StoreException.NotFound("account " + accountId);
            long usedBytes = rs.getLong(1);
            long qb = rs.getLong(2);
            if (rs.wasNull()) qb = settings.defaultQuotaBytes();
            long usedMessages = rs.getLong(3);
            long qm = rs.getLong(4);
            if (rs.wasNull()) qm = settings.defaultQuotaMessages();
            return new Quota(usedBytes, qb, usedMessages, qm);
        }
    }

    /** The whole store's size from the accounts' usage counters and the blobs table (two aggregate queries). */
    static StoreTotals totals(Connection c) throws SQLException {
        long accounts;
        long messages;
        long bytes;
        try (PreparedStatement ps = Sql.prepare(c, "SELECT COUNT(*), COALESCE(SUM(used_messages), 0), COALESCE(SUM(used_bytes), 0) FROM accounts");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            accounts = rs.getLong(1);
            messages = rs.getLong(2);
            bytes = rs.getLong(3);
        }
        try (PreparedStatement ps = Sql.prepare(c, "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM blobs");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new StoreTotals(accounts, messages, bytes, rs.getLong(1), rs.getLong(2));
        }
    }

    /** Throws {@link StoreException.OverQuota} if adding would exceed a limit. */
    static void checkQuota(Connection c, long accountId, StoreSettings settings, long addBytes, long addMessages) throws SQLException {
        Quota q = quota(c, accountId, settings);
        if (q.limitMessages() > 0 && addMessages > 0 && q.usedMessages() + addMessages > q.limitMessages())
            throw new StoreException.OverQuota(StoreException.OverQuota.Resource.MESSAGES, q.usedMessages(), addMessages, q.limitMessages());
        if (q.limitBytes() > 0 && addBytes > 0 && q.usedBytes() + addBytes > q.limitBytes())
            throw new StoreException.OverQuota(StoreException.OverQuota.Resource.BYTES, q.usedBytes(), addBytes, q.limitBytes());
    }

    static void addUsage(Connection c, long accountId, long bytes, long messages) throws SQLException {
        if (bytes == 0 && messages == 0) return;
        Sql.update(c, "UPDATE accounts SET used_bytes = used_bytes + ?, used_messages = used_messages + ? WHERE id = ?",
                bytes, messages, accountId);
    }
}
