package dev.surel.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes one backup directory: {@code surel.db}, {@code blobs/ab/cd/<sha256>} (the store's own
 * layout), {@code tls/...}, and last the {@link BackupManifest}. Directories are made 0700 and
 * files 0600 (the database holds password hashes, {@code tls/} a private key). Every file is
 * fsynced when written, every directory before the manifest is, and the manifest goes in by
 * rename: a crash at any point leaves either a complete backup or one without a manifest.
 * Closed without {@link #finish}, it removes what it wrote.
 */
final class BackupWriter implements AutoCloseable {

    static final String DATABASE = "surel.db";
    static final String BLOBS = "blobs";

    private final Path dir;
    private final boolean createdDir;
    private final Copier copier = new Copier("backup-copy");
    /** Directories made for message files (values unused: computeIfAbsent makes each exactly once). */
    private final ConcurrentHashMap<Path, Boolean> dirs = new ConcurrentHashMap<>();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private BackupProgress progress = BackupProgress.NONE;
    private long totalFiles;
    private long totalBytes;
    private boolean finished;

    private BackupWriter(Path dir, boolean createdDir) {
        this.dir = dir;
        this.createdDir = createdDir;
    }

    /** A writer into {@code dir}, which must be absent (it is made, with missing parents) or an empty directory. */
    static BackupWriter create(Path dir) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
                throw new BackupException(BackupException.CANTCREAT, dir + " exists and is not a directory");
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new BackupException(BackupException.CANTCREAT, dir + " is not empty: a backup goes into a new "
                                + "or empty directory (a backup is never written over another)");
                    }
                }
                return new BackupWriter(dir, false);
            }
            FileCopy.createDirectory(dir, FileCopy.OWNER_ONLY_DIR);
            return new BackupWriter(dir, true);
        } catch (IOException e) {
            throw new BackupException(BackupException.CANTCREAT, "cannot create the backup in " + dir + ": " + FileCopy.describe(e), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Where the database copy goes (absent until the store writes it). */
    Path database() {
        return dir.resolve(DATABASE);
    }

    /** The totals progress reports count towards. */
    void expect(long files, long bytes, BackupProgress progress) {
        this.totalFiles = files;
        this.totalBytes = bytes;
        this.progress = progress;
    }

    /**
     * Copies one message file of the live store ({@code file}) to its place here, checking
     * that it exists, has {@code size} bytes and {@code hash} as its SHA-256: anything else is
     * damage in the store, and the backup fails naming it.
     */
    void blob(String hash, long size, Path file) {
        try {
            copier.submit(() -> {
                if (size < 0) throw storeDamaged("message file " + hash + " is referenced but has no blobs row");
                Path target = Restore.blobPath(dir.resolve(BLOBS), hash);
                dirs.computeIfAbsent(target.getParent(), d -> {
                    try {
                        FileCopy.createDirectory(d, FileCopy.OWNER_ONLY_DIR);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return Boolean.TRUE;
                });
                FileCopy.Digest d;
                try {
                    d = FileCopy.copy(file, target, FileCopy.OWNER_ONLY_FILE);
                } catch (NoSuchFileException e) {
                    if (!Files.exists(file)) throw storeDamaged("message file " + file + " is missing");
                    throw e;
                }
                if (!d.sha256().equals(hash)) throw storeDamaged("message file " + file + " has the content hash " + d.sha256());
                if (d.size() != size) throw storeDamaged("message file " + file + " has " + d.size() + " bytes, recorded " + size);
                progress.update(BackupProgress.Phase.MESSAGE_FILES, files.incrementAndGet(), totalFiles, bytes.addAndGet(d.size()), totalBytes);
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** Waits until every message file is copied; throws the first failure. */
    void awaitBlobs() {
        try {
            copier.finish();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** Message files copied so far, and their bytes. */
    long blobs() {
        return files.get();
    }

    long blobBytes() {
        return bytes.get();
    }

    /** Copies another file (TLS material) to {@code relative} here; returns its manifest entry. */
    BackupManifest.FileEntry file(String relative, Path source) {
        try {
            Path target = dir.resolve(relative);
            FileCopy.createDirectory(target.getParent(), FileCopy.OWNER_ONLY_DIR);
            FileCopy.Digest d = FileCopy.copy(source, target, FileCopy.OWNER_ONLY_FILE);
            FileCopy.fsyncDir(target.getParent());
            return new BackupManifest.FileEntry(relative, d.size(), d.sha256());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The database copy's manifest entry (read once more for its hash); makes it owner-only. */
    BackupManifest.FileEntry databaseEntry() {
        try {
            Files.setPosixFilePermissions(database(), PosixFilePermissions.fromString("rw-------"));
            FileCopy.Digest d = FileCopy.digest(database());
            return new BackupManifest.FileEntry(DATABASE, d.size(), d.sha256());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Makes every directory durable, then writes the manifest (temp, fsync, rename, fsync): the backup is complete. */
    void finish(BackupManifest manifest) {
        try {
            Set<Path> shards = new java.util.HashSet<>();
            for (Path d : dirs.keySet()) {
                FileCopy.fsyncDir(d);
                shards.add(d.getParent());
            }
            for (Path d : shards) FileCopy.fsyncDir(d);
            if (Files.isDirectory(dir.resolve(BLOBS))) FileCopy.fsyncDir(dir.resolve(BLOBS));
            FileCopy.fsyncDir(dir);
            FileCopy.writeAtomically(dir, BackupManifest.NAME, manifest.toBytes());
            if (createdDir && dir.getParent() != null) FileCopy.fsyncDir(dir.getParent());
            finished = true;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private BackupException failure(Exception e) {
        if (e instanceof BackupException b) return b;
        if (e instanceof UncheckedIOException u) e = u.getCause();
        return new BackupException(BackupException.IOERR, "backup to " + dir + " failed: "
                + (e instanceof IOException io ? FileCopy.describe(io) : e.toString()), e);
    }

    private static BackupException storeDamaged(String what) {
        return new BackupException(BackupException.DATAERR, "the store is damaged: " + what
                + "; run `surel check` (no backup was written)");
    }

    /** Unless finished: stops the copies and removes what this backup wrote (the directory too when it made it). */
    @Override
    public void close() {
        copier.close();
        if (finished) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) || createdDir) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (DirectoryNotEmptyException ignored) {
                        // something else wrote here meanwhile: leave it
                    }
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: without a manifest, what is left is recognisably incomplete
        }
    }
}
