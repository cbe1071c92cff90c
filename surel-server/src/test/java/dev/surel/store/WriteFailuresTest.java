package dev.surel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.StoreException.Unavailable.Reason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reasons a failed write is reported with, from the messages the JDK gives for errno (the
 * fault suite, {@code dev.surel.e2e.DiskFaultTest}, produces ENOSPC and EROFS for real; EACCES
 * cannot be produced as root and EIO not without a failing device, so those are classified here).
 */
class WriteFailuresTest {
    @TempDir Path dir;

    @Test
    void errnoTextsBecomeReasons() {
        assertThat(WriteFailures.of(new IOException("No space left on device"), dir).reason()).isEqualTo(Reason.DISK_FULL);
        assertThat(WriteFailures.of(new IOException("Disk quota exceeded"), dir).reason()).isEqualTo(Reason.DISK_FULL);
        assertThat(WriteFailures.of(new FileSystemException("/x", null, "Read-only file system"), dir).reason()).isEqualTo(Reason.READ_ONLY);
        assertThat(WriteFailures.of(new AccessDeniedException("/x"), dir).reason()).isEqualTo(Reason.READ_ONLY);
        assertThat(WriteFailures.of(new IOException("Permission denied"), dir).reason()).isEqualTo(Reason.READ_ONLY);
        assertThat(WriteFailures.of(new IOException("Input/output error"), dir).reason())
                .as("an I/O error on a file system with space left").isEqualTo(Reason.IO_ERROR);
    }

    @Test
    void theMessageSaysWhatHappenedWithoutAStackTrace() {
        StoreException.Unavailable u = WriteFailures.of(new IOException("No space left on device"), dir);
        assertThat(u.getMessage()).isEqualTo("not enough disk space: No space left on device");
        assertThat(u.getStackTrace()).isEmpty();
    }
}
