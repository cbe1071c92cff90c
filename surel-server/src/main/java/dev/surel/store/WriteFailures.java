package dev.surel.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a failed write to the file system into {@link StoreException.Unavailable} with the
 * reason an operator and a client can act on. The JDK reports errno only as text (the C
 * library's message), so the message is read first and the free space of the file system
 * checked when the text says nothing: a write that failed on a file system with almost no
 * space left is counted as a full disk.
 */
public final class WriteFailures {
    /** Below this many free bytes a failed write is taken for a full disk. */
    private static final long NEARLY_FULL = 1024 * 1024;

    private WriteFailures() {
    }

    /** The {@link StoreException.Unavailable} for a failed write at {@code where} (a file or directory). */
    public static StoreException.Unavailable of(IOException e, Path where) {
        return new StoreException.Unavailable(reason(e, where), e.getMessage());
    }

    static StoreException.Unavailable.Reason reason(IOException e, Path where) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota exceeded")) return StoreException.Unavailable.Reason.DISK_FULL;
        if (e instanceof AccessDeniedException || m.contains("Read-only file system") || m.contains("Permission denied")) {
            return StoreException.Unavailable.Reason.READ_ONLY;
        }
        if (where != null && usableSpace(where) < NEARLY_FULL) return StoreException.Unavailable.Reason.DISK_FULL;
        return StoreException.Unavailable.Reason.IO_ERROR;
    }

    /** Free bytes for new data on the file system holding {@code p} (or its nearest existing parent); MAX_VALUE when unknown. */
    public static long usableSpace(Path p) {
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (!Files.exists(q)) continue;
            try {
                return Files.getFileStore(q).getUsableSpace();
            } catch (IOException unknown) {
                return Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE;
    }
}
