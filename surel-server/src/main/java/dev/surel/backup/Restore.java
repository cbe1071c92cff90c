package dev.surel.backup;

import dev.surel.store.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code surel restore DIR}: puts a backup into an empty data directory, verifying it on the
 * way. The caller makes sure the data directory is empty, holds its lock, and no server runs.
 *
 * <p>What is verified before anything counts as restored: the manifest is there (else the
 * backup was interrupted) and of a format and schema this Surel knows; the database has the
 * manifest's size and SHA-256; each message file has its name as its SHA-256, and their number
 * and total size are the manifest's (a missing or extra file is damage); each TLS file has its
 * listed hash. Everything is read once, while it is copied. The database goes in last, as
 * {@code surel.db.restoring} renamed to {@code surel.db}: until then the directory holds no
 * store, so an interrupted restore is never mistaken for one (it leaves a non-empty directory
 * without {@code surel.db}, which a new restore refuses until it is emptied).
 */
public final class Restore {

    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{64}");
    private static final String RESTORING = ".restoring";

    private Restore() {
    }

    /** Where a message file goes under a blob root: {@code ab/cd/<hash>}, as {@code BlobStore} keeps it. */
    static Path blobPath(Path root, String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    /**
     * Reads and checks the manifest of {@code backup}: present, complete, a format and schema
     * this Surel can restore. Nothing is written.
     */
    public static BackupManifest manifest(Path backup) {
        if (!Files.isDirectory(backup)) {
            throw new BackupException(BackupException.NOINPUT, backup + ": " + (Files.exists(backup) ? "not a directory" : "no such directory"));
        }
        Path file = backup.resolve(BackupManifest.NAME);
        if (!Files.exists(file)) {
            throw new BackupException(BackupException.DATAERR, backup + " has no " + BackupManifest.NAME
                    + ": an incomplete backup (interrupted before it finished) or not a Surel backup; nothing was restored");
        }
        BackupManifest m;
        try {
            if (Files.size(file) > 1 << 20) throw new BackupException(BackupException.DATAERR, file + " is larger than a manifest can be");
            m = BackupManifest.parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new BackupException(BackupException.IOERR, "cannot read " + FileCopy.describe(e), e);
        }
        if (m.counts().schemaVersion() > Database.SCHEMA_VERSION) {
            throw new BackupException(BackupException.DATAERR, backup + " holds a store of schema version " + m.counts().schemaVersion()
                    + ", newer than this Surel's " + Database.SCHEMA_VERSION + " (made by " + m.madeBy()
                    + "): restore it with that Surel or a later one");
        }
        return m;
    }

    /**
     * Restores {@code backup} into the data directory {@code target} (empty but for its lock).
     * On failure what was written stays for the caller to remove; nothing named
     * {@code surel.db} is there unless everything was verified.
     */
    public static BackupReport run(Path backup, DataDirFiles target, BackupProgress progress) {
        long start = System.nanoTime();
        BackupManifest m = manifest(backup);
        try {
            Path dbTemp = target.database().resolveSibling(target.database().getFileName() + RESTORING);
            progress.update(BackupProgress.Phase.DATABASE, 0, 1, 0, m.database().size());
            FileCopy.Digest db = FileCopy.copy(existing(backup.resolve(BackupWriter.DATABASE)), dbTemp, null);
            verify(db, m.database(), backup);
            progress.update(BackupProgress.Phase.DATABASE, 1, 1, db.size(), m.database().size());
            copyBlobs(backup.resolve(BackupWriter.BLOBS), target.blobs(), m, progress);
            for (BackupManifest.FileEntry f : m.files()) {
                Path to = target.dataDir().resolve(f.path());
                FileCopy.createDirectory(to.getParent(), FileCopy.OWNER_ONLY_DIR);
                verify(FileCopy.copy(existing(backup.resolve(f.path())), to, FileCopy.OWNER_ONLY_FILE), f, backup);
                FileCopy.fsyncDir(to.getParent());
            }
            Files.move(dbTemp, target.database(), StandardCopyOption.ATOMIC_MOVE);
            FileCopy.fsyncDir(target.dataDir());
            return new BackupReport(target.dataDir(), m, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new BackupException(BackupException.IOERR, "restore into " + target.dataDir() + " failed: " + FileCopy.describe(io), io);
        } catch (BackupException e) {
            throw e;
        } catch (Exception e) {
            throw new BackupException(BackupException.IOERR, "restore into " + target.dataDir() + " failed: " + e, e);
        }
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) throw damaged(p.getParent(), p.getFileName() + " is missing");
        return p;
    }

    private static void verify(FileCopy.Digest d, BackupManifest.FileEntry f, Path backup) {
        if (d.size() != f.size() || !d.sha256().equals(f.sha256())) {
            throw damaged(backup, f.path() + " has " + d.size() + " bytes with SHA-256 " + d.sha256() + ", the manifest lists "
                    + f.size() + " bytes with " + f.sha256());
        }
    }

    /** Copies every message file of the backup, each checked against its name; their count and bytes against the manifest. */
    private static void copyBlobs(Path from, Path to, BackupManifest m, BackupProgress progress) throws Exception {
        long totalFiles = m.counts().blobs();
        long totalBytes = m.counts().blobBytes();
        AtomicLong files = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ConcurrentHashMap<Path, Boolean> dirs = new ConcurrentHashMap<>();
        FileCopy.createDirectory(to, null);
        if (Files.isDirectory(from)) {
            try (Copier copier = new Copier("restore-copy"); Stream<Path> walk = Files.walk(from)) {
                for (Iterator<Path> it = walk.iterator(); it.hasNext(); ) {
                    Path p = it.next();
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                    String hash = p.getFileName().toString();
                    if (!BLOB.matcher(hash).matches() || !p.equals(blobPath(from, hash))) {
                        throw damaged(from.getParent(), "unexpected file " + from.getParent().relativize(p));
                    }
                    copier.submit(() -> {
                        Path target = blobPath(to, hash);
                        dirs.computeIfAbsent(target.getParent(), d -> {
                            try {
                                FileCopy.createDirectory(d, null);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return Boolean.TRUE;
                        });
                        FileCopy.Digest d = FileCopy.copy(p, target, null);
                        if (!d.sha256().equals(hash)) {
                            throw damaged(from.getParent(), "message file " + from.getParent().relativize(p)
                                    + " has the content hash " + d.sha256());
                        }
                        progress.update(BackupProgress.Phase.MESSAGE_FILES, files.incrementAndGet(), totalFiles,
                                bytes.addAndGet(d.size()), totalBytes);
                    });
                }
                copier.finish();
            }
        }
        if (files.get() != totalFiles || bytes.get() != totalBytes) {
            throw damaged(from.getParent(), "it has " + files.get() + " message files (" + bytes.get() + " bytes), its manifest lists "
                    + totalFiles + " (" + totalBytes + " bytes): message files are missing or were added");
        }
        Set<Path> shards = new HashSet<>();
        for (Path d : dirs.keySet()) {
            FileCopy.fsyncDir(d);
            shards.add(d.getParent());
        }
        for (Path d : shards) FileCopy.fsyncDir(d);
        FileCopy.fsyncDir(to);
        FileCopy.fsyncDir(to.getParent());
    }

    private static BackupException damaged(Path backup, String what) {
        return new BackupException(BackupException.DATAERR, "the backup " + backup + " is damaged: " + what + "; nothing was restored");
    }
}
