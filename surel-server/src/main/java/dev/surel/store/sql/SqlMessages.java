package dev.surel.store.sql;

import dev.surel.store.Appended;
import dev.surel.store.Changes;
import dev.surel.store.CopyResult;
import dev.surel.store.Expunged;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreEvent;
import dev.surel.store.StoreException;
import dev.surel.store.StoreSettings;
import dev.surel.store.UidRange;
import dev.surel.store.blob.BlobStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Message operations (append, list, expunge, copy, move, changes), each inside the caller's
 * transaction.
 *
 * <p>Invariants: UIDs are taken from {@code mailboxes.uidnext} in the same transaction that
 * inserts the rows; every operation that changes rows takes one new MODSEQ from the account
 * and gives it to every row it changes and to the mailbox; counts and usage are adjusted in the
 * same transaction; blob files are committed (renamed, directory fsynced) before the rows that
 * reference them, under the write lock.
 */
final class SqlMessages {
    private final BlobStore blobs;
    private final StoreSettings settings;
    private final Clock clock;

    SqlMessages(BlobStore blobs, StoreSettings settings, Clock clock) {
        this.blobs = blobs;
        this.settings = settings;
        this.clock = clock;
    }

    /** Inserts spooled messages; {@code spooled.get(i)} holds the content of {@code messages.get(i)}. */
    List<Appended> append(Connection c, long accountId, long mailboxId, List<NewMessage> messages, List<SpooledMessage> spooled,
                          List<StoreEvent> events) throws SQLException {
        MailboxInfo mb = MailboxRows.requireById(c, accountId, mailboxId);
        long bytes = 0;
        for (SpooledMessage s : spooled) bytes += s.size();
        AccountRows.checkQuota(c, accountId, settings, bytes, spooled.size());
        long modseq = AccountRows.nextModseq(c, accountId);
        long uid = MailboxRows.allocateUids(c, mailboxId, spooled.size());
        long now = clock.millis();
        Counts counts = Counts.ZERO;
        List<Appended> out = new ArrayList<>();
        for (int i = 0; i < spooled.size(); i++, uid++) {
            SpooledMessage s = spooled.get(i);
            NewMessage m = messages.get(i);
            OffsetDateTime date = m.internalDate() != null ? m.internalDate() : clock.instant().atOffset(ZoneOffset.UTC);
            blobs.commit(s);
            MessageRows.upsertBlob(c, s.hash(), s.size(), now, s.structure());
            MessageRows.upsertItems(c, s.hash(), s.items());
            MessageMeta row = MessageRows.insert(c, mailboxId, uid, modseq, s.hash(), s.size(), date, m.flags());
            counts = counts.plus(Counts.of(dev.surel.store.Flag.toBits(m.flags().system()), s.size()));
            out.add(new Appended(mailboxId, mb.uidValidity(), uid, modseq, s.size(), s.hash()));
            events.add(new StoreEvent.MessageAdded(accountId, row));
        }
        MailboxRows.changed(c, mailboxId, counts, modseq);
        AccountRows.addUsage(c, accountId, counts.size(), counts.messages());
        return out;
    }

    List<MessageMeta> list(Connection c, long accountId, long mailboxId, UidRange range) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        return Sql.list(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS + " FROM messages "
                + "WHERE mailbox_id = ? AND uid >= ? AND uid <= ? AND expunged_at IS NULL ORDER BY uid",
                mailboxId, range.first(), range.last());
    }

    List<MessageMeta> fetch(Connection c, long accountId, long mailboxId, Collection<Long> uids) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        return Sql.listByUids(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS + " FROM messages "
                + "WHERE mailbox_id = ? AND IN_UIDS AND expunged_at IS NULL ORDER BY uid", uids, mailboxId);
    }

    Expunged expunge(Connection c, long accountId, long mailboxId, Collection<Long> uids, List<StoreEvent> events) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        String where = "WHERE mailbox_id = ? AND expunged_at IS NULL AND (flags & " + dev.surel.store.Flag.DELETED.bit() + ") <> 0";
        List<MessageMeta> victims = uids == null
                ? Sql.list(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS + " FROM messages " + where + " ORDER BY uid", mailboxId)
                : Sql.listByUids(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS + " FROM messages " + where
                        + " AND IN_UIDS ORDER BY uid", uids, mailboxId);
        if (victims.isEmpty()) return new Expunged(List.of(), 0);
        long modseq = AccountRows.nextModseq(c, accountId);
        List<Long> expunged = tombstone(c, accountId, mailboxId, victims, modseq);
        events.add(new StoreEvent.MessagesExpunged(accountId, mailboxId, expunged, modseq));
        return new Expunged(expunged, modseq);
    }

    private List<Long> tombstone(Connection c, long accountId, long mailboxId, List<MessageMeta> victims, long modseq) throws SQLException {
        long now = clock.millis();
        Counts counts = Counts.ZERO;
        List<Long> uids = new ArrayList<>(victims.size());
        for (MessageMeta m : victims) {
            MessageRows.tombstone(c, mailboxId, m.uid(), modseq, now);
            counts = counts.plus(Counts.of(dev.surel.store.Flag.toBits(m.flags().system()), m.size()));
            uids.add(m.uid());
        }
        MailboxRows.changed(c, mailboxId, counts.negate(), modseq);
        AccountRows.addUsage(c, accountId, -counts.size(), -counts.messages());
        return uids;
    }

    CopyResult copyOrMove(Connection c, long accountId, long sourceId, Collection<Long> uids, long targetId, boolean move,
                          List<StoreEvent> events) throws SQLException {
        MailboxRows.requireById(c, accountId, sourceId);
        MailboxInfo target = MailboxRows.requireById(c, accountId, targetId);
        List<MessageMeta> sources = fetch(c, accountId, sourceId, uids);
        if (sources.isEmpty()) return new CopyResult(target.uidValidity(), List.of(), 0, 0);
        long bytes = 0;
        for (MessageMeta m : sources) bytes += m.size();
        if (!move) AccountRows.checkQuota(c, accountId, settings, bytes, sources.size());
        long modseq = AccountRows.nextModseq(c, accountId);
        long uid = MailboxRows.allocateUids(c, targetId, sources.size());
        Counts counts = Counts.ZERO;
        List<CopyResult.UidPair> mapping = new ArrayList<>();
        for (MessageMeta m : sources) {
            Sql.update(c, "UPDATE blobs SET orphaned_at = NULL WHERE hash = ?", m.blobHash());
            MessageMeta row = MessageRows.insert(c, targetId, uid, modseq, m.blobHash(), m.size(), m.internalDate(), m.flags());
            counts = counts.plus(Counts.of(dev.surel.store.Flag.toBits(m.flags().system()), m.size()));
            mapping.add(new CopyResult.UidPair(m.uid(), uid));
            events.add(new StoreEvent.MessageAdded(accountId, row));
            uid++;
        }
        MailboxRows.changed(c, targetId, counts, modseq);
        AccountRows.addUsage(c, accountId, counts.size(), counts.messages());
        if (move) {
            List<Long> gone = tombstone(c, accountId, sourceId, sources, modseq);
            events.add(new StoreEvent.MessagesExpunged(accountId, sourceId, gone, modseq));
        }
        return new CopyResult(target.uidValidity(), mapping, modseq, move ? modseq : 0);
    }

    /** The blob hash of a message, live or tombstone. */
    /** The blob of a message (live or tombstone) and its stored MIME structure (null when not computed). */
    record BlobRef(String hash, byte[] structure) { }

    BlobRef blobWithStructure(Connection c, long accountId, long mailboxId, long uid) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        List<BlobRef> l = Sql.list(c, rs -> new BlobRef(rs.getString(1), rs.getBytes(2)),
                "SELECT m.blob_hash, b.structure FROM messages m JOIN blobs b ON b.hash = m.blob_hash "
                        + "WHERE m.mailbox_id = ? AND m.uid = ?", mailboxId, uid);
        if (l.isEmpty()) throw new StoreException.NotFound("message " + uid);
        return l.getFirst();
    }

    /** The blob and stored structure of each of {@code uids} that has a row (live or tombstone), by UID. */
    java.util.Map<Long, BlobRef> blobsWithStructure(Connection c, long accountId, long mailboxId, Collection<Long> uids) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        java.util.Map<Long, BlobRef> out = new java.util.HashMap<>();
        record Row(long uid, BlobRef ref) { }
        for (Row r : Sql.listByUids(c, rs -> new Row(rs.getLong(1), new BlobRef(rs.getString(2), rs.getBytes(3))),
                "SELECT m.uid, m.blob_hash, b.structure FROM messages m JOIN blobs b ON b.hash = m.blob_hash "
                        + "WHERE m.mailbox_id = ? AND m.IN_UIDS", uids, mailboxId)) {
            out.put(r.uid(), r.ref());
        }
        return out;
    }

    /**
     * The stored items of each of {@code uids} that has a row (live or tombstone), by UID: one
     * query, no structure read; only the columns of {@code parts} are read (the other values null).
     * A row whose blob has no items of the current version is not in the answer: its UID and blob
     * hash go to {@code missing} (to compute them).
     */
    java.util.Map<Long, dev.surel.store.MessageItems> itemsOf(Connection c, long accountId, long mailboxId, Collection<Long> uids,
                                                              java.util.Set<dev.surel.store.MessageItems.Part> parts,
                                                              java.util.Map<Long, String> missing) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        java.util.Map<Long, dev.surel.store.MessageItems> out = java.util.HashMap.newHashMap(uids.size());
        boolean envelope = parts.contains(dev.surel.store.MessageItems.Part.ENVELOPE);
        boolean structure = parts.contains(dev.surel.store.MessageItems.Part.STRUCTURE);
        boolean texts = parts.contains(dev.surel.store.MessageItems.Part.SEARCH_TEXTS);
        Sql.listByUids(c, rs -> {
                    long uid = rs.getLong(1);
                    boolean current = rs.getInt(3) == dev.surel.protocol.imap.fetch.PreparedFetch.VERSION && !rs.wasNull();
                    if (current) {
                        out.put(uid, new dev.surel.store.MessageItems(new dev.surel.protocol.imap.fetch.PreparedFetch(
                                envelope ? rs.getBytes(4) : null, envelope ? rs.getBytes(5) : null,
                                structure ? rs.getBytes(6) : null, structure ? rs.getBytes(7) : null), texts ? rs.getBytes(8) : null));
                    } else {
                        missing.put(uid, rs.getString(2));
                    }
                    return null;
                },
                "SELECT m.uid, m.blob_hash, i.version, "
                        + (envelope ? "i.envelope, i.envelope_utf8, " : "NULL, NULL, ")
                        + (structure ? "i.body, i.bodystructure, " : "NULL, NULL, ")
                        + (texts ? "i.search_texts " : "NULL ")
                        + "FROM messages m LEFT JOIN blob_items i ON i.hash = m.blob_hash "
                        + "WHERE m.mailbox_id = ? AND m.IN_UIDS", uids, mailboxId);
        return out;
    }

    String blobOf(Connection c, long accountId, long mailboxId, long uid) throws SQLException {
        MailboxRows.requireById(c, accountId, mailboxId);
        List<String> l = Sql.list(c, rs -> rs.getString(1), "SELECT blob_hash FROM messages WHERE mailbox_id = ? AND uid = ?", mailboxId, uid);
        if (l.isEmpty()) throw new StoreException.NotFound("message " + uid);
        return l.getFirst();
    }

    Changes changesSince(Connection c, long accountId, long mailboxId, long since) throws SQLException {
        MailboxInfo mb = MailboxRows.requireById(c, accountId, mailboxId);
        List<MessageMeta> changed = Sql.list(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS + " FROM messages "
                + "WHERE mailbox_id = ? AND modseq > ? AND expunged_at IS NULL ORDER BY uid", mailboxId, since);
        List<Long> expunged = Sql.list(c, rs -> rs.getLong(1), "SELECT uid FROM messages "
                + "WHERE mailbox_id = ? AND modseq > ? AND expunged_at IS NOT NULL ORDER BY uid", mailboxId, since);
        return new Changes(changed, expunged, mb.highestModseq(), since >= mb.purgedModseq());
    }
}
