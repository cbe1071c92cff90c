package dev.surel.maildrop;

import dev.surel.store.StoreTransaction;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.SqlTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * POP3's own rows ({@code V3__pop3.sql}): first downloads and hidden messages, keyed by
 * (mailbox id, UID). SQL shared by SQLite and PostgreSQL (upserts with {@code ON CONFLICT}).
 */
public final class Pop3Rows {

    /** One message of one mailbox. */
    public record MessageKey(long mailboxId, long uid) { }

    /** A downloaded message with its account and first-download time (epoch ms). */
    public record Downloaded(long accountId, long mailboxId, long uid, long firstDownload) { }

    private final Database db;

    public Pop3Rows(Database db) {
        this.db = db;
    }

    /** What POP3 knows about the messages of some mailboxes: hidden ones and ones already downloaded. */
    public record Known(Set<MessageKey> hidden, Set<MessageKey> downloaded) { }

    /** Hidden (DELE under the hide policy) and downloaded messages in the given mailboxes: one query. */
    public Known known(Collection<Long> mailboxIds) {
        if (mailboxIds.isEmpty()) return new Known(Set.of(), Set.of());
        String in = String.join(",", mailboxIds.stream().map(id -> "?").toList());
        return db.read(c -> {
            Set<MessageKey> hidden = new HashSet<>();
            Set<MessageKey> downloaded = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT mailbox_id, uid, hidden, first_download FROM pop3_messages WHERE mailbox_id IN (" + in + ")")) {
                int i = 1;
                for (long id : mailboxIds) ps.setLong(i++, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MessageKey k = new MessageKey(rs.getLong(1), rs.getLong(2));
                        if (rs.getInt(3) != 0) hidden.add(k);
                        rs.getLong(4);
                        if (!rs.wasNull()) downloaded.add(k);
                    }
                }
            }
            return new Known(hidden, downloaded);
        });
    }

    /** Records first downloads (an earlier one wins) and hidden marks, inside the caller's transaction. */
    public static void record(StoreTransaction tx, Collection<MessageKey> downloaded, Collection<MessageKey> hidden, long now)
            throws SQLException {
        Connection c = SqlTransaction.connection(tx);
        if (!downloaded.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pop3_messages (mailbox_id, uid, first_download, hidden) "
                    + "VALUES (?, ?, ?, 0) ON CONFLICT (mailbox_id, uid) DO UPDATE SET "
                    + "first_download = COALESCE(pop3_messages.first_download, excluded.first_download)")) {
                for (MessageKey k : downloaded) {
                    ps.setLong(1, k.mailboxId());
                    ps.setLong(2, k.uid());
                    ps.setLong(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!hidden.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pop3_messages (mailbox_id, uid, first_download, hidden) "
                    + "VALUES (?, ?, NULL, 1) ON CONFLICT (mailbox_id, uid) DO UPDATE SET hidden = 1")) {
                for (MessageKey k : hidden) {
                    ps.setLong(1, k.mailboxId());
                    ps.setLong(2, k.uid());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Live messages first downloaded at or before {@code cutoff} (epoch ms), with their account. */
    public List<Downloaded> downloadedBefore(long cutoff) {
        return db.read(c -> {
            List<Downloaded> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT mb.account_id, p.mailbox_id, p.uid, p.first_download "
                    + "FROM pop3_messages p JOIN mailboxes mb ON mb.id = p.mailbox_id "
                    + "JOIN messages m ON m.mailbox_id = p.mailbox_id AND m.uid = p.uid AND m.expunged_at IS NULL "
                    + "WHERE p.first_download IS NOT NULL AND p.first_download <= ? ORDER BY mb.account_id, p.mailbox_id, p.uid")) {
                ps.setLong(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Downloaded(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Deletes rows whose message is no longer live (expunged, purged, its mailbox or account gone). */
    public int deleteOrphans() {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pop3_messages WHERE NOT EXISTS (SELECT 1 FROM messages m "
                    + "WHERE m.mailbox_id = pop3_messages.mailbox_id AND m.uid = pop3_messages.uid AND m.expunged_at IS NULL)")) {
                return ps.executeUpdate();
            }
        });
    }

    /** The first-download time of a message (epoch ms), or -1; for tests and the admin view. */
    public long firstDownload(long mailboxId, long uid) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT first_download FROM pop3_messages WHERE mailbox_id = ? AND uid = ?")) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return -1L;
                    long v = rs.getLong(1);
                    return rs.wasNull() ? -1L : v;
                }
            }
        });
    }
}
