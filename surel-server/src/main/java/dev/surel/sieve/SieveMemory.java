package dev.surel.sieve;

import dev.surel.store.StoreTransaction;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.Sql;
import dev.surel.store.sql.SqlTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What Sieve at delivery remembers between deliveries to one account (migration V14): the
 * vacation replies sent, one per sender and handle per period (RFC 5230 §4.2), and the ids the
 * duplicate test recorded (RFC 7352 §3). The writes run in the delivery's own transaction
 * ({@link StoreTransaction}), so a reply is remembered exactly when it is queued and an id
 * exactly when its message is delivered. Expired rows of an account are removed by its next
 * delivery that writes here, so the tables hold at most the live rows.
 */
public final class SieveMemory {

    private final Database db;

    public SieveMemory(Database db) {
        this.db = db;
    }

    /** RFC 7352 §3: whether {@code id} was recorded under {@code handle} and has not expired at {@code now}. */
    public boolean duplicateSeen(long accountId, String handle, String id, Instant now) {
        return db.read(c -> Sql.queryLong(c, 0, "SELECT COUNT(*) FROM sieve_duplicates WHERE account_id = ? AND handle = ? "
                + "AND id_hash = ? AND expires_at > ?", accountId, handle, hash(id), now.toEpochMilli()) > 0);
    }

    /** Records {@code id} for {@code seconds}, in the delivery's transaction. */
    public void recordDuplicate(StoreTransaction tx, long accountId, String handle, String id, long seconds, Instant now)
            throws SQLException {
        Connection c = SqlTransaction.connection(tx);
        long until = now.toEpochMilli() + Math.max(0, seconds) * 1000;
        Sql.update(c, "DELETE FROM sieve_duplicates WHERE account_id = ? AND expires_at <= ?", accountId, now.toEpochMilli());
        Sql.update(c, "INSERT INTO sieve_duplicates (account_id, handle, id_hash, expires_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (account_id, handle, id_hash) DO UPDATE SET expires_at = excluded.expires_at",
                accountId, handle, hash(id), until);
    }

    /**
     * RFC 5230 §4.2: takes the right to reply to {@code sender} under {@code handle} for
     * {@code seconds}, in the delivery's transaction: false when a reply went out within the
     * period (nothing changes then).
     */
    public boolean claimVacationReply(StoreTransaction tx, long accountId, String handle, String sender, long seconds,
            Instant now) throws SQLException {
        Connection c = SqlTransaction.connection(tx);
        String who = sender.toLowerCase(Locale.ROOT);
        long nowMs = now.toEpochMilli();
        Sql.update(c, "DELETE FROM sieve_vacation_replies WHERE account_id = ? AND expires_at <= ?", accountId, nowMs);
        if (Sql.queryLong(c, 0, "SELECT COUNT(*) FROM sieve_vacation_replies WHERE account_id = ? AND handle = ? AND sender = ?",
                accountId, handle, who) > 0) {
            return false;
        }
        Sql.update(c, "INSERT INTO sieve_vacation_replies (account_id, handle, sender, expires_at) VALUES (?, ?, ?, ?)",
                accountId, handle, who, nowMs + Math.max(1, seconds) * 1000);
        return true;
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
