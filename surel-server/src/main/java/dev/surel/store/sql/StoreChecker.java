package dev.surel.store.sql;

import dev.surel.store.CheckReport;
import dev.surel.store.blob.BlobStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a store ({@code ./surel check}): every blob a message or a queued message references exists with the
 * recorded size and SHA-256; every UID is below its mailbox's UIDNEXT (uniqueness is the
 * primary key); message_count, unseen_count, deleted_count and total_size of every mailbox
 * and used_bytes / used_messages of every account match the live rows; no MODSEQ exceeds the
 * account's highest_modseq and no message MODSEQ exceeds its mailbox's; no mailbox name has a "."
 * or ".." level (made before names were checked; see {@link MailboxNames}). The metadata is read in
 * one snapshot; then each referenced blob file is read once.
 */
public final class StoreChecker {
    private final Database db;
    private final BlobStore blobs;

    public StoreChecker(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    public CheckReport check() {
        List<String> problems = new ArrayList<>();
        record Blob(String hash, Long size) { }
        long[] totals = new long[2];
        List<Blob> referenced = db.read(c -> {
            totals[0] = Sql.queryLong(c, 0, "SELECT count(*) FROM mailboxes");
            totals[1] = Sql.queryLong(c, 0, "SELECT count(*) FROM messages");
            problems.addAll(Sql.list(c, rs -> "mailbox " + rs.getLong(1) + " (" + rs.getString(2) + "): uid " + rs.getLong(3)
                    + " not below uidnext " + rs.getLong(4),
                    "SELECT mb.id, mb.name, max(m.uid), mb.uidnext FROM mailboxes mb JOIN messages m ON m.mailbox_id = mb.id "
                            + "GROUP BY mb.id, mb.name, mb.uidnext HAVING max(m.uid) >= mb.uidnext"));
            problems.addAll(Sql.list(c, rs -> "mailbox " + rs.getLong(1) + " (" + rs.getString(2) + "): counts messages/unseen/deleted/size "
                    + rs.getLong(3) + "/" + rs.getLong(4) + "/" + rs.getLong(5) + "/" + rs.getLong(6) + " but rows say "
                    + rs.getLong(7) + "/" + rs.getLong(8) + "/" + rs.getLong(9) + "/" + rs.getLong(10),
                    "SELECT mb.id, mb.name, mb.message_count, mb.unseen_count, mb.deleted_count, mb.total_size, "
                            + "count(m.uid), coalesce(sum(CASE WHEN (m.flags & 1) = 0 THEN 1 ELSE 0 END), 0), "
                            + "coalesce(sum(CASE WHEN (m.flags & 8) <> 0 THEN 1 ELSE 0 END), 0), coalesce(sum(m.size), 0) "
                            + "FROM mailboxes mb LEFT JOIN messages m ON m.mailbox_id = mb.id AND m.expunged_at IS NULL "
                            + "GROUP BY mb.id, mb.name, mb.message_count, mb.unseen_count, mb.deleted_count, mb.total_size "
                            + "HAVING mb.message_count <> count(m.uid) "
                            + "OR mb.unseen_count <> coalesce(sum(CASE WHEN (m.flags & 1) = 0 THEN 1 ELSE 0 END), 0) "
                            + "OR mb.deleted_count <> coalesce(sum(CASE WHEN (m.flags & 8) <> 0 THEN 1 ELSE 0 END), 0) "
                            + "OR mb.total_size <> coalesce(sum(m.size), 0)"));
            problems.addAll(Sql.list(c, rs -> "account " + rs.getLong(1) + ": used bytes/messages " + rs.getLong(2) + "/"
                    + rs.getLong(3) + " but messages say " + rs.getLong(4) + "/" + rs.getLong(5),
                    "SELECT a.id, a.used_bytes, a.used_messages, coalesce(sum(m.size), 0), count(m.uid) FROM accounts a "
                            + "LEFT JOIN mailboxes mb ON mb.account_id = a.id "
                            + "LEFT JOIN messages m ON m.mailbox_id = mb.id AND m.expunged_at IS NULL "
                            + "GROUP BY a.id, a.used_bytes, a.used_messages "
                            + "HAVING a.used_bytes <> coalesce(sum(m.size), 0) OR a.used_messages <> count(m.uid)"));
            for (String[] m : Sql.list(c, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                    "SELECT id, account_id, name FROM mailboxes ORDER BY id")) {
                String why = MailboxNames.unsafeLevel(m[2]);
                if (why != null) {
                    problems.add("mailbox " + m[0] + " of account " + m[1] + " (" + m[2] + "): " + why
                            + " would be a path in an export; give it another name (IMAP RENAME)");
                }
            }
            problems.addAll(Sql.list(c, rs -> "mailbox " + rs.getLong(1) + ": highest_modseq " + rs.getLong(2)
                    + " above the account's " + rs.getLong(3),
                    "SELECT mb.id, mb.highest_modseq, a.highest_modseq FROM mailboxes mb JOIN accounts a ON a.id = mb.account_id "
                            + "WHERE mb.highest_modseq > a.highest_modseq"));
            problems.addAll(Sql.list(c, rs -> "mailbox " + rs.getLong(1) + ": message uid " + rs.getLong(2) + " modseq "
                    + rs.getLong(3) + " above the mailbox's highest_modseq " + rs.getLong(4),
                    "SELECT mb.id, m.uid, m.modseq, mb.highest_modseq FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id "
                            + "WHERE m.modseq > mb.highest_modseq"));
            problems.addAll(Sql.list(c, rs -> "mailbox " + rs.getLong(1) + ": message uid " + rs.getLong(2) + " size "
                    + rs.getLong(3) + " differs from its blob's " + rs.getLong(4),
                    "SELECT m.mailbox_id, m.uid, m.size, b.size FROM messages m JOIN blobs b ON b.hash = m.blob_hash "
                            + "WHERE m.size <> b.size"));
            return Sql.list(c, rs -> {
                long s = rs.getLong(2);
                return new Blob(rs.getString(1), rs.wasNull() ? null : s);
            }, "SELECT m.blob_hash, b.size FROM messages m LEFT JOIN blobs b ON b.hash = m.blob_hash "
                    + "UNION SELECT q.blob_hash, b.size FROM queue_messages q LEFT JOIN blobs b ON b.hash = q.blob_hash");
        });
        for (Blob b : referenced) {
            if (b.size() == null) {
                problems.add("blob " + b.hash() + ": referenced but has no blobs row");
                continue;
            }
            BlobStore.Digest d = blobs.digest(b.hash());
            if (d == null) problems.add("blob " + b.hash() + ": file missing");
            else if (!d.hash().equals(b.hash())) problems.add("blob " + b.hash() + ": content hash is " + d.hash());
            else if (d.size() != b.size()) problems.add("blob " + b.hash() + ": size " + d.size() + ", recorded " + b.size());
        }
        return new CheckReport(List.copyOf(problems), totals[0], totals[1], referenced.size());
    }
}
