package dev.surel.backup;

import dev.surel.store.MailStore;
import dev.surel.store.StoreException;
import dev.surel.store.StoreSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code surel backup DIR}: a consistent copy of a data directory while it serves. Run by the
 * process that holds the data directory (the server, or the CLI under the lock when none runs).
 *
 * <p>Order, and why it is consistent: the store first stops its garbage collector from
 * deleting message files and then copies the database in one read transaction
 * ({@link MailStore#snapshot}); every message the store acknowledged before that is in the copy
 * (an acknowledgement follows the commit). Then each message file the copy references is
 * copied, checked against its name (SHA-256) and size: files are immutable and none can be
 * deleted meanwhile. Mail acknowledged later is simply not in this backup. Then the TLS
 * material, then the manifest, last.
 */
public final class Backup {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Backup.class);

    private Backup() {
    }

    /**
     * Backs up the store of {@code data} into {@code target} (absent or empty, not inside the
     * data directory). {@code madeBy} names this Surel in the manifest.
     */
    public static BackupReport run(MailStore store, DataDirFiles data, Path target, String madeBy, BackupProgress progress) {
        Path dir = target.toAbsolutePath().normalize();
        refuseInside(dir, data.dataDir());
        try {
            return write(store, data, dir, madeBy, progress);
        } catch (RuntimeException e) {
            BackupException b = failed(dir, e);
            log.warn("backup to {} failed: {}", dir, b.getMessage());
            throw b;
        }
    }

    /** A failure as the administrator reads it: I/O in words, anything else named, never a stack trace. */
    private static BackupException failed(Path dir, RuntimeException e) {
        return switch (e) {
            case BackupException b -> b;
            case StoreException.Unavailable u -> // the copy could not be written: the disk is full, read-only or failing
                    new BackupException(BackupException.IOERR, "backup to " + dir + " failed: "
                            + u.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + u.getMessage() + ")", u);
            case UncheckedIOException io ->
                    new BackupException(BackupException.IOERR, "backup to " + dir + " failed: " + FileCopy.describe(io.getCause()), io);
            default -> // e.g. SQLite refusing VACUUM INTO, or the client that asked for progress went away
                    new BackupException(BackupException.IOERR, "backup to " + dir + " failed: "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        };
    }

    private static BackupReport write(MailStore store, DataDirFiles data, Path dir, String madeBy, BackupProgress progress) {
        long start = System.nanoTime();
        try (BackupWriter w = BackupWriter.create(dir)) {
            progress.update(BackupProgress.Phase.DATABASE, 0, 1, 0, 0);
            // logged before the copy begins: whatever was acknowledged before this line's time is in the backup
            log.info("backup to {}: copying the database", dir);
            StoreSnapshot.Counts counts;
            try (StoreSnapshot snapshot = store.snapshot(w.database())) {
                counts = snapshot.counts();
                w.expect(counts.blobs(), counts.blobBytes(), progress);
                progress.update(BackupProgress.Phase.DATABASE, 1, 1, 0, 0);
                snapshot.blobs(w::blob);
                w.awaitBlobs();
            }
            if (w.blobs() != counts.blobs()) { // the snapshot listed what it counted: a bug if not
                throw new BackupException(BackupException.DATAERR, "copied " + w.blobs() + " message files, the snapshot counted " + counts.blobs());
            }
            List<BackupManifest.FileEntry> files = new ArrayList<>();
            for (Path f : tlsFiles(data.tls())) files.add(w.file("tls/" + f.getFileName(), f));
            for (Path f : dkimFiles(data.dkim())) files.add(w.file("dkim/" + data.dkim().relativize(f), f));
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(), madeBy, counts, w.databaseEntry(), files);
            w.finish(manifest);
            BackupReport report = new BackupReport(dir, manifest, Duration.ofNanos(System.nanoTime() - start));
            log.info("backup to {} complete: {}", dir, report.summary());
            return report;
        }
    }

    /** A backup inside the data directory would be lost with it (and copied into the next backup). */
    private static void refuseInside(Path dir, Path dataDir) {
        try {
            Path real = dir;
            Path rest = Path.of("");
            while (real != null && !Files.exists(real)) {
                rest = real.getFileName().resolve(rest);
                real = real.getParent();
            }
            Path resolved = real == null ? dir : real.toRealPath().resolve(rest);
            Path data = Files.exists(dataDir) ? dataDir.toRealPath() : dataDir;
            if (resolved.startsWith(data)) {
                throw new BackupException(BackupException.CANTCREAT, dir + " is inside the data directory " + dataDir
                        + ": a backup there is lost with it; give a directory elsewhere (another disk, ideally)");
            }
        } catch (IOException e) {
            throw new BackupException(BackupException.CANTCREAT, "cannot use " + dir + ": " + FileCopy.describe(e), e);
        }
    }

    /** The DKIM key files and key states: the regular files in each domain directory of {@code dkim/}, in name order. */
    private static List<Path> dkimFiles(Path dkim) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dkim)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dkim)) {
            for (Path d : ds) {
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && BackupManifest.DKIM_DOMAIN.matcher(d.getFileName().toString()).matches()) {
                    for (Path f : tlsFiles(d)) {
                        if (!f.getFileName().toString().endsWith(".tmp")) out.add(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new BackupException(BackupException.IOERR, "cannot read " + dkim + ": " + FileCopy.describe(e), e);
        }
        out.sort(null);
        return out;
    }

    /** The regular files directly in {@code tls/} (the generated self-signed certificate and key), in name order. */
    private static List<Path> tlsFiles(Path tls) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(tls)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tls)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && p.getFileName().toString().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BackupException(BackupException.IOERR, "cannot read " + tls + ": " + FileCopy.describe(e), e);
        }
        out.sort(null);
        return out;
    }
}
