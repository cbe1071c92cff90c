package dev.surel.store.blob;

import dev.surel.store.SpooledMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A canonicalised, hashed and fsynced message waiting in a temp file, made by
 * {@link BlobStore#spool}. It can be read ({@link #open()}) and appended any number of times
 * (e.g. once per local recipient): the first append moves it into place, later ones find the
 * blob already there. Closing it deletes the temp file if no append took it.
 */
public final class SpooledBlob implements SpooledMessage {
    private final Path temp;
    private final String hash;
    private final long size;
    private volatile Path location;
    private volatile boolean committed;
    private volatile byte[] structure;
    private volatile dev.surel.store.MessageItems items;

    SpooledBlob(Path temp, String hash, long size) {
        this.temp = temp;
        this.location = temp;
        this.hash = hash;
        this.size = size;
    }

    /** Hex SHA-256 of the canonical (CRLF) bytes. */
    @Override
    public String hash() { return hash; }

    /** Octets of the canonical bytes. */
    @Override
    public long size() { return size; }

    /** Reads the canonical bytes (from the temp file, or the blob once committed). */
    @Override
    public InputStream open() {
        try {
            return new BufferedInputStream(Files.newInputStream(location), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The encoded MIME structure of the content, when the store computed it while spooling (else null). */
    @Override
    public byte[] structure() { return structure; }

    /** Records the encoded MIME structure computed from {@link #open()} (outside any lock). */
    @Override
    public void attachStructure(byte[] encoded) { this.structure = encoded; }

    /** The items computed with the structure while spooling (null when not computed). */
    @Override
    public dev.surel.store.MessageItems items() { return items; }

    /** Records the items computed from {@link #open()} with the structure (outside any lock). */
    @Override
    public void attachItems(dev.surel.store.MessageItems items) { this.items = items; }

    Path temp() { return temp; }

    boolean committed() { return committed; }

    void markCommitted(Path finalPath) {
        location = finalPath;
        committed = true;
    }

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
