package dev.surel.admin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The exclusive lock on a data directory ({@code <data>/surel.lock}): held by a running server
 * for its whole life, or by a CLI command that opens the store itself. The kernel releases it
 * when the process dies, so a crash never leaves a stale lock.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE = "surel.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or this one) holds it. The directory must exist. */
    public static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new DataDirLock(ch, l));
        } catch (OverlappingFileLockException e) {
            ch.close();
            return Optional.empty();
        }
    }

    /** What a look at the lock says ({@link #probe}). */
    public enum Probe {
        /** Nobody holds it: no server runs on this data directory (nor a CLI command working without one). */
        FREE,
        /** A process holds it: a server (perhaps still starting), or a CLI command working on the store. */
        HELD,
        /** There is no lock file: no server ever ran here. */
        NO_LOCK_FILE,
        /** The lock file cannot be read by this user: nothing can be told. */
        UNREADABLE
    }

    /**
     * Looks whether the lock is held, without creating anything (run as root on a data directory
     * of the server's user, creating files would leave root-owned ones behind): a shared lock on
     * the existing file, released at once. Never call it in a process that holds the lock itself
     * (closing any channel on the file would release that).
     */
    public static Probe probe(Path dataDir) {
        try (FileChannel ch = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.READ)) {
            FileLock l = ch.tryLock(0, Long.MAX_VALUE, true);
            if (l == null) return Probe.HELD;
            l.release();
            return Probe.FREE;
        } catch (java.nio.file.NoSuchFileException e) {
            return Probe.NO_LOCK_FILE;
        } catch (OverlappingFileLockException e) {
            return Probe.HELD;
        } catch (IOException e) {
            return Probe.UNREADABLE;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
