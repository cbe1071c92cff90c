package dev.surel.store.sql;

import dev.surel.store.MailboxInfo;
import dev.surel.store.SpecialUse;
import dev.surel.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Row-level access to {@code mailboxes}: lookups, UID and UIDVALIDITY allocation, counts. */
final class MailboxRows {
    static final String COLUMNS = "id, name, special_use, uidvalidity, uidnext, highest_modseq, purged_modseq, "
            + "message_count, unseen_count, deleted_count, total_size, first_recent_uid";

    private MailboxRows() { }

    static MailboxInfo map(ResultSet rs) throws SQLException {
        String su = rs.getString(3);
        return new MailboxInfo(rs.getLong(1), rs.getString(2), su == null ? null : SpecialUse.fromAttribute(su),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), rs.getLong(11), rs.getLong(12));
    }

    static MailboxInfo byName(Connection c, long accountId, String name) throws SQLException {
        List<MailboxInfo> l = Sql.list(c, MailboxRows::map,
                "SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = ? AND name = ?", accountId, name);
        return l.isEmpty() ? null : l.getFirst();
    }

    static MailboxInfo requireByName(Connection c, long accountId, String name) throws SQLException {
        MailboxInfo m = byName(c, accountId, name);
        if (m == null) throw new StoreException.NotFound("mailbox " + name);
        return m;
    }

    static MailboxInfo requireById(Connection c, long accountId, long mailboxId) throws SQLException {
        List<MailboxInfo> l = Sql.list(c, MailboxRows::map,
                "SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = ? AND id = ?", accountId, mailboxId);
        if (l.isEmpty()) throw new StoreException.NotFound("mailbox " + mailboxId);
        return l.getFirst();
    }

    static List<MailboxInfo> all(Connection c, long accountId) throws SQLException {
        return Sql.list(c, MailboxRows::map,
                "SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = ? ORDER BY name", accountId);
    }

    /**
     * Allocates a new UIDVALIDITY from {@code counters}: larger than every one before and at
     * least the current epoch second, so even a store re-created from scratch is unlikely to
     * repeat one a client cached. Stays below 2^32 until 2106.
     */
    static long newUidValidity(Connection c, Clock clock) throws SQLException {
        long last = Sql.queryLong(c, 0, "SELECT value FROM counters WHERE name = 'uidvalidity'");
        long next = Math.max(last + 1, clock.instant().getEpochSecond());
        Sql.update(c, "UPDATE counters SET value = ? WHERE name = 'uidvalidity'", next);
        return next;
    }

    static long insert(Connection c, long accountId, String name, SpecialUse specialUse, long modseq, Clock clock) throws SQLException {
        long uidValidity = newUidValidity(c, clock);
        return Sql.insert(c, "INSERT INTO mailboxes (account_id, name, special_use, uidvalidity, highest_modseq, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                accountId, name, specialUse == null ? null : specialUse.attribute(), uidValidity, modseq, clock.millis());
    }

    /** Reserves {@code n} consecutive UIDs and returns the first (one statement). */
    static long allocateUids(Connection c, long mailboxId, int n) throws SQLException {
        return Sql.queryLong(c, 0, "UPDATE mailboxes SET uidnext = uidnext + ? WHERE id = ? RETURNING uidnext", n, mailboxId) - n;
    }

    static void touch(Connection c, long mailboxId, long modseq) throws SQLException {
        Sql.update(c, "UPDATE mailboxes SET highest_modseq = ? WHERE id = ? AND highest_modseq < ?", modseq, mailboxId, modseq);
    }

    /**
     * What every change of a mailbox's messages ends with, in one statement (it was two): the
     * counts adjusted by {@code d} and HIGHESTMODSEQ raised to {@code modseq} (never lowered).
     */
    static void changed(Connection c, long mailboxId, Counts d, long modseq) throws SQLException {
        if (d.isZero()) {
            touch(c, mailboxId, modseq);
            return;
        }
        Sql.update(c, "UPDATE mailboxes SET message_count = message_count + ?, unseen_count = unseen_count + ?, "
                        + "deleted_count = deleted_count + ?, total_size = total_size + ?, "
                        + "highest_modseq = CASE WHEN highest_modseq < ? THEN ? ELSE highest_modseq END WHERE id = ?",
                d.messages(), d.unseen(), d.deleted(), d.size(), modseq, modseq, mailboxId);
    }
}
