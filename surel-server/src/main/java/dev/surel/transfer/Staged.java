package dev.surel.transfer;

import dev.surel.store.Flags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

/**
 * One message waiting in a temp file of a {@link Staging}, in the form it will be stored in,
 * with what it is stored with.
 *
 * @param file         the bytes (size octets)
 * @param internalDate to the second
 * @param key          for a resumed import
 */
public record Staged(Path file, long size, Flags flags, OffsetDateTime internalDate, MessageKey key) {

    /** Removes the temp file (done once the message is stored or skipped). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
