package dev.surel.store.sql;

import dev.surel.store.GcReport;
import dev.surel.store.StoreSettings;
import dev.surel.store.blob.BlobStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Purges old tombstones and deletes unreferenced blobs.
 *
 * <p>Invariants:
 * <ul>
 *   <li>A tombstone is purged only when it is older than the tombstone horizon and was
 *       expunged before the oldest open session lease of its account was opened (so a session
 *       can still read a message it has not yet announced as expunged). The mailbox's
 *       {@code purged_modseq} is raised to the highest purged MODSEQ.</li>
 *   <li>A blob is deleted only when no message row (live or tombstone) and no queued message
 *       ({@code queue_messages}, the delivery queue) references it and it has
 *       been seen unreferenced for at least the grace period ({@code blobs.orphaned_at}); a new
 *       reference clears the mark.</li>
 *   <li>Everything runs inside one {@code Database.write}, the same lock under which appends
 *       check for and rename blob files: an append can never reference a blob that a
 *       concurrent collection is deleting. Files are deleted before the commit: a crash then
 *       leaves rows without files that nobody references, which the next pass removes (and a
 *       later append of the same content writes the file again, as it checks the file).</li>
 *   <li>Blob files without a {@code blobs} row (a crash between rename and commit) are deleted
 *       once older than the grace, re-checked under the write lock.</li>
 *   <li>While a backup holds them off ({@code deletionsHeld}, looked at under the write lock, and
 *       set by the backup under that lock before it copies the database), no blob file is
 *       deleted: every blob the backup's copy references stays until it is copied. Tombstones
 *       are still purged and blobs still marked orphaned; they are deleted on a later run.</li>
 * </ul>
 */
final class SqlGarbageCollector {
    private final Database db;
    private final BlobStore blobs;
    private final StoreSettings settings;
    private final Clock clock;
    private final Leases leases;
    private final java.util.function.BooleanSupplier deletionsHeld;

    SqlGarbageCollector(Database db, BlobStore blobs, StoreSettings settings, Clock clock, Leases leases,
                        java.util.function.BooleanSupplier deletionsHeld) {
        this.db = db;
        this.blobs = blobs;
        this.settings = settings;
        this.clock = clock;
        this.leases = leases;
        this.deletionsHeld = deletionsHeld;
    }

    GcReport run() {
        Instant now = clock.instant();
        long[] purgedAndDeleted = db.write(c -> {
            long purged = purgeTombstones(c, now);
            long deleted = deleteOrphans(c, now);
            return new long[] {purged, deleted};
        });
        long temps = blobs.deleteTempFilesOlderThan(now.minus(settings.blobGcGrace()));
        long strays = sweepStrayFiles(now);
        return new GcReport(purgedAndDeleted[0], purgedAndDeleted[1] + strays, temps);
    }

    /**
     * Deletes blob files that have no {@code blobs} row and are older than the grace: files an
     * append renamed into place whose transaction then failed or never committed (a crash).
     * The directory walk runs without the lock; each chunk of candidates is re-checked and
     * deleted under the write lock, where no append can be between its rename and its commit.
     */
    private long sweepStrayFiles(Instant now) {
        List<String> candidates = blobs.filesOlderThan(now.minus(settings.blobGcGrace()));
        long deleted = 0;
        for (int from = 0; from < candidates.size(); from += Sql.CHUNK) {
            List<String> chunk = candidates.subList(from, Math.min(candidates.size(), from + Sql.CHUNK));
            deleted += db.write(c -> {
                if (deletionsHeld.getAsBoolean()) return 0L;
                String in = "?,".repeat(chunk.size() - 1) + "?";
                java.util.Set<String> known = new java.util.HashSet<>(Sql.list(c, rs -> rs.getString(1),
                        "SELECT hash FROM blobs WHERE hash IN (" + in + ")", chunk.toArray()));
                long n = 0;
                for (String hash : chunk) {
                    if (!known.contains(hash)) {
                        blobs.delete(hash);
                        n++;
                    }
                }
                return n;
            });
        }
        return deleted;
    }

    private long purgeTombstones(Connection c, Instant now) throws SQLException {
        long horizonCutoff = now.minus(settings.tombstoneHorizon()).toEpochMilli();
        record Box(long id, long accountId) { }
        List<Box> boxes = Sql.list(c, rs -> new Box(rs.getLong(1), rs.getLong(2)),
                "SELECT DISTINCT mb.id, mb.account_id FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id "
                        + "WHERE m.expunged_at IS NOT NULL AND m.expunged_at < ?", horizonCutoff);
        long purged = 0;
        for (Box b : boxes) {
            long cutoff = horizonCutoff;
            Instant pin = leases.oldest(b.accountId());
            if (pin != null) cutoff = Math.min(cutoff, pin.toEpochMilli());
            long maxModseq = Sql.queryLong(c, -1, "SELECT max(modseq) FROM messages "
                    + "WHERE mailbox_id = ? AND expunged_at IS NOT NULL AND expunged_at < ?", b.id(), cutoff);
            if (maxModseq < 0) continue;
            purged += Sql.update(c, "DELETE FROM messages WHERE mailbox_id = ? AND expunged_at IS NOT NULL AND expunged_at < ?",
                    b.id(), cutoff);
            Sql.update(c, "UPDATE mailboxes SET purged_modseq = ? WHERE id = ? AND purged_modseq < ?", maxModseq, b.id(), maxModseq);
        }
        return purged;
    }

    private long deleteOrphans(Connection c, Instant now) throws SQLException {
        String unreferenced = "NOT EXISTS (SELECT 1 FROM messages m WHERE m.blob_hash = blobs.hash) "
                + "AND NOT EXISTS (SELECT 1 FROM queue_messages q WHERE q.blob_hash = blobs.hash)";
        Sql.update(c, "UPDATE blobs SET orphaned_at = ? WHERE orphaned_at IS NULL AND " + unreferenced, now.toEpochMilli());
        List<String> doomed = Sql.list(c, rs -> rs.getString(1), "SELECT hash FROM blobs WHERE orphaned_at IS NOT NULL "
                + "AND orphaned_at <= ? AND " + unreferenced, now.minus(settings.blobGcGrace()).toEpochMilli());
        if (deletionsHeld.getAsBoolean()) return 0; // a backup is copying blobs: a later run deletes these
        for (String hash : doomed) {
            blobs.delete(hash);
            Sql.update(c, "DELETE FROM blobs WHERE hash = ?", hash);
        }
        return doomed.size();
    }
}
