package dev.surel.store.sql;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Row-level access to {@code messages}. */
final class MessageRows {
    static final String COLUMNS = "mailbox_id, uid, modseq, size, internal_date, internal_offset, flags, keywords, blob_hash";

    private MessageRows() { }

    static MessageMeta map(ResultSet rs) throws SQLException {
        OffsetDateTime date = Instant.ofEpochMilli(rs.getLong(5)).atOffset(ZoneOffset.ofTotalSeconds(rs.getInt(6)));
        Flags flags = new Flags(Flag.fromBits(rs.getInt(7)), Flags.parseKeywords(rs.getString(8)));
        return new MessageMeta(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), date, flags, rs.getString(9));
    }

    /** Inserts a live message; returns it as {@link #map} would read it back (the date to the millisecond). */
    static MessageMeta insert(Connection c, long mailboxId, long uid, long modseq, String blobHash, long size,
                              OffsetDateTime date, Flags flags) throws SQLException {
        Sql.update(c, "INSERT INTO messages (mailbox_id, uid, modseq, blob_hash, size, internal_date, internal_offset, flags, keywords) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                mailboxId, uid, modseq, blobHash, size, date.toInstant().toEpochMilli(), date.getOffset().getTotalSeconds(),
                Flag.toBits(flags.system()), flags.keywordString());
        OffsetDateTime stored = Instant.ofEpochMilli(date.toInstant().toEpochMilli()).atOffset(date.getOffset());
        return new MessageMeta(mailboxId, uid, modseq, size, stored, flags, blobHash);
    }

    /** Records a blob row (or clears its orphan mark if it is already known). */
    static void upsertBlob(Connection c, String hash, long size, long now, byte[] structure) throws SQLException {
        Sql.update(c, "INSERT INTO blobs (hash, size, created_at, structure) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (hash) DO UPDATE SET orphaned_at = NULL, structure = COALESCE(blobs.structure, excluded.structure)",
                hash, size, now, structure);
    }

    /**
     * Records the items of a blob (V15 {@code blob_items}), replacing a row of another version;
     * nothing when {@code items} is null (computed on first use instead).
     */
    static void upsertItems(Connection c, String hash, dev.surel.store.MessageItems items) throws SQLException {
        if (items == null) return;
        var f = items.fetch();
        Sql.update(c, "INSERT INTO blob_items (hash, version, envelope, envelope_utf8, body, bodystructure, search_texts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET version = excluded.version, "
                + "envelope = excluded.envelope, envelope_utf8 = excluded.envelope_utf8, body = excluded.body, "
                + "bodystructure = excluded.bodystructure, search_texts = excluded.search_texts "
                + "WHERE blob_items.version <> excluded.version",
                hash, dev.surel.protocol.imap.fetch.PreparedFetch.VERSION, f.envelope(), f.envelopeUtf8(), f.body(),
                f.bodyStructure(), items.searchTexts());
    }

    /** Turns a live message into a tombstone. */
    static void tombstone(Connection c, long mailboxId, long uid, long modseq, long now) throws SQLException {
        Sql.update(c, "UPDATE messages SET expunged_at = ?, modseq = ? WHERE mailbox_id = ? AND uid = ? AND expunged_at IS NULL",
                now, modseq, mailboxId, uid);
    }
}
