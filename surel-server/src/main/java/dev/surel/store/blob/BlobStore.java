package dev.surel.store.blob;

import dev.surel.store.SizedStream;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import dev.surel.store.WriteFailures;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Immutable message blobs on disk: {@code <root>/ab/cd/<sha256 hex>}, temp files in
 * {@code <root>/tmp}. Blobs are in canonical CRLF form, except messages spooled exactly
 * ({@link #spool(InputStream, long, boolean)}: an IMAP literal8, RFC 3516 §4.4).
 *
 * <p>Invariants:
 * <ul>
 *   <li>A blob file, once in place, holds exactly the bytes whose SHA-256 is its name and is
 *       never modified; it was fsynced before the rename, and its directory after it.</li>
 *   <li>Nothing here holds a whole message in memory: spooling and reading use fixed buffers.</li>
 *   <li>{@link #commit} and {@link #delete} must run under the same lock (the store calls both
 *       inside {@code Database.write}), so a blob found present by a commit (deduplication)
 *       cannot be deleted by the garbage collector before the referencing row commits.
 *       {@link #place} may run before, outside the lock; the {@code commit} under the lock
 *       still follows and re-checks the file.</li>
 * </ul>
 */
public final class BlobStore {
    private static final int BUFFER = 64 * 1024;
    private final Path root;
    private final Path tmp;

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() { return root; }

    /** The final path of a blob. */
    public Path path(String hash) {
        if (hash.length() != 64) throw new IllegalArgumentException("not a sha-256 hex: " + hash);
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    /**
     * Streams {@code in} (to its end, not closed) into a temp file: CRLF-canonicalised, hashed,
     * fsynced. {@code maxSize} 0 means unlimited; above it an {@link TooLarge} is thrown and the
     * temp file removed. A failed write to the disk throws {@link StoreException.Unavailable}
     * (and stops reading {@code in}: the caller drains what is left of it); a failed read of
     * {@code in} an {@link UncheckedIOException}.
     */
    public SpooledBlob spool(InputStream in, long maxSize) {
        return spool(in, maxSize, true);
    }

    /**
     * Like {@link #spool(InputStream, long)}; with {@code canonical} false the octets are kept
     * exactly as read (no line-ending conversion): an RFC 3516 literal8 APPEND, whose binary
     * parts must come back byte for byte.
     */
    public SpooledBlob spool(InputStream in, long maxSize, boolean canonical) {
        Path temp = tmp.resolve(UUID.randomUUID() + ".tmp");
        MessageDigest sha = sha256();
        boolean ok = false;
        FileChannel ch;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw WriteFailures.of(e, tmp);
        }
        try (ch) {
            OutputStream file = Channels.newOutputStream(ch);
            OutputStream hashing = new java.security.DigestOutputStream(file, sha);
            CrlfOutputStream crlf = canonical ? new CrlfOutputStream(hashing) : CrlfOutputStream.exact(hashing);
            byte[] buf = new byte[BUFFER];
            int r;
            while ((r = readFrom(in, buf)) != -1) {
                try {
                    crlf.write(buf, 0, r);
                } catch (IOException e) {
                    throw WriteFailures.of(e, tmp);
                }
                if (maxSize > 0 && crlf.count() > maxSize) throw new TooLarge(maxSize);
            }
            try {
                crlf.finish();
                if (maxSize > 0 && crlf.count() > maxSize) throw new TooLarge(maxSize);
                ch.force(true);
            } catch (IOException e) {
                throw WriteFailures.of(e, tmp);
            }
            ok = true;
            return new SpooledBlob(temp, HexFormat.of().formatHex(sha.digest()), crlf.count());
        } catch (IOException e) { // closing the channel
            throw WriteFailures.of(e, tmp);
        } finally {
            if (!ok) deleteQuietly(temp);
        }
    }

    private static int readFrom(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves a spooled blob into place (or drops it if that content is already stored), then
     * fsyncs the directory. Call under the store's write lock, before the referencing
     * transaction commits.
     */
    public void commit(SpooledMessage message) {
        SpooledBlob blob = ours(message);
        synchronized (blob) {
            commitLocked(blob);
        }
    }

    private void commitLocked(SpooledBlob blob) {
        Path target = path(blob.hash());
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(blob.temp());
                blob.markCommitted(target);
                return;
            }
            if (blob.committed()) throw new java.nio.file.NoSuchFileException(target + " (spooled blob already committed, then collected)");
            moveIntoPlace(blob, target);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw WriteFailures.of(e, root);
        }
    }

    /**
     * Moves a spooled blob into place and fsyncs its directory <em>without</em> the store's write
     * lock, so concurrent writers' directory syncs overlap (the journal coalesces them) instead
     * of queueing behind the lock. The referencing transaction must still call {@link #commit}
     * under the lock: that finds the file in place and only re-checks it (a garbage collection
     * that deleted the same content meanwhile makes it throw, and the transaction fails). The
     * directory is synced even when the content was already there, since its rename may belong
     * to a writer whose own sync has not finished.
     */
    public void place(SpooledMessage message) {
        SpooledBlob blob = ours(message);
        Path target = path(blob.hash());
        synchronized (blob) { // one spooled message may be placed by several threads (one content appended many times)
            try {
                if (blob.committed()) return;
                moveIntoPlace(blob, target);
            } catch (IOException e) {
                throw WriteFailures.of(e, root);
            }
        }
    }

    /** A message to commit must be one this blob store spooled. */
    private SpooledBlob ours(SpooledMessage message) {
        if (message instanceof SpooledBlob b && b.temp().startsWith(root)) return b;
        throw new IllegalArgumentException("not spooled by the blob store in " + root);
    }

    /**
     * Renames the temp file to {@code target} (or drops it when that content is already there),
     * creating the shard directories durably, then fsyncs the target's directory.
     */
    private void moveIntoPlace(SpooledBlob blob, Path target) throws IOException {
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Path parent = dir.getParent();
            boolean newParent = !Files.isDirectory(parent);
            Files.createDirectories(dir);
            if (newParent) fsyncDir(root);
            fsyncDir(parent);
        }
        if (Files.exists(target)) {
            Files.deleteIfExists(blob.temp());
        } else {
            try {
                Files.move(blob.temp(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(blob.temp());
            }
        }
        blob.markCommitted(target);
        fsyncDir(dir);
    }

    /** Opens a blob's bytes as a buffered sized stream. */
    public SizedStream open(String hash) throws NoSuchFileException {
        Path p = path(hash);
        try {
            long size = Files.size(p);
            return new SizedStream(new BufferedInputStream(Files.newInputStream(p), BUFFER), size);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a blob whose size is known (recorded when it was stored; blobs never change): no
     * {@code stat} and no buffer, the stream reads the file directly (callers read in large
     * chunks). It ends after {@code size} octets; a file with fewer fails the read that finds
     * its end early ({@link java.io.EOFException}).
     */
    public SizedStream open(String hash, long size) throws NoSuchFileException {
        Path p = path(hash);
        try {
            return new SizedStream(new ExactInputStream(Files.newInputStream(p), size, hash), size);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String hash) {
        return Files.exists(path(hash));
    }

    /** Deletes a blob file (absent is fine). Call under the store's write lock. */
    public void delete(String hash) {
        try {
            Files.deleteIfExists(path(hash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a blob and returns its SHA-256 hex and size, for the checker; null if missing. */
    public Digest digest(String hash) {
        Path p = path(hash);
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), sha)) {
            byte[] buf = new byte[BUFFER];
            long size = 0;
            int r;
            while ((r = in.read(buf)) != -1) size += r;
            return new Digest(HexFormat.of().formatHex(sha.digest()), size);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Digest(String hash, long size) { }

    /** Deletes temp files last modified before {@code cutoff}; returns how many. */
    public long deleteTempFilesOlderThan(Instant cutoff) {
        long deleted = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff) && Files.deleteIfExists(p)) deleted++;
                } catch (NoSuchFileException ignored) {
                    // committed or removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    /**
     * Hashes of blob files last modified before {@code cutoff} (candidates for the orphan-file
     * sweep: files renamed into place whose transaction never committed, e.g. after a crash).
     * Walks the whole tree; skips anything not named like a blob.
     */
    public java.util.List<String> filesOlderThan(Instant cutoff) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(root, 3)) {
            files.filter(p -> p.getNameCount() == root.getNameCount() + 3)
                    .filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
                    .forEach(p -> {
                        try {
                            if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) out.add(p.getFileName().toString());
                        } catch (IOException ignored) {
                            // deleted meanwhile
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort; the garbage collector removes stale temp files
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message exceeded the configured maximum size. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long max) {
            super("message larger than " + max + " octets", null, false, false);
        }
    }
}
