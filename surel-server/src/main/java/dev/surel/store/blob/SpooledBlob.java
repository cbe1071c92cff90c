package dev.surel.store.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A canonicalised, hashed and fsynced temp file waiting to be committed by
 * {@link BlobStore#commit}. Closing it deletes the temp file if it was not committed.
 */
public final class SpooledBlob implements AutoCloseable {
    private final Path temp;
    private final String hash;
    private final long size;
    private volatile boolean committed;

    SpooledBlob(Path temp, String hash, long size) {
        this.temp = temp;
        this.hash = hash;
        this.size = size;
    }

    public String hash() { return hash; }
    public long size() { return size; }
    Path temp() { return temp; }
    void markCommitted() { committed = true; }

    @Override
    public void close() {
        if (committed) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
