package dev.surel.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.store.SizedStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobStore#open(String, long)}: a blob opened at the size recorded for it (POP3 RETR, no
 * stat) gives exactly that many octets; a file cut short fails the read that finds its end (the
 * peer was told the size), a file longer than recorded is cut at the size (the octets the peer
 * was told).
 */
class BlobStoreOpenKnownSizeTest {
    @TempDir Path dir;

    static final String HASH = "ab".repeat(32);

    Path blob(BlobStore b, byte[] bytes) throws Exception {
        Path p = b.path(HASH);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    @Test
    void givesExactlyTheRecordedOctets() throws Exception {
        BlobStore b = new BlobStore(dir);
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        blob(b, bytes);
        try (SizedStream s = b.open(HASH, bytes.length); InputStream in = s.in()) {
            assertThat(s.size()).isEqualTo(bytes.length);
            assertThat(in.readAllBytes()).isEqualTo(bytes);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (SizedStream s = b.open(HASH, 10); InputStream in = s.in()) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void aFileShorterThanRecordedFailsTheRead() throws Exception {
        BlobStore b = new BlobStore(dir);
        blob(b, new byte[50]);
        try (SizedStream s = b.open(HASH, 51); InputStream in = s.in()) {
            byte[] buf = new byte[64];
            assertThat(in.read(buf)).isEqualTo(50);
            assertThatThrownBy(() -> in.read(buf)).isInstanceOf(EOFException.class).hasMessageContaining("store damaged");
        }
    }

    @Test
    void aMissingBlobIsNoSuchFile() {
        BlobStore b = new BlobStore(dir);
        assertThatThrownBy(() -> b.open(HASH, 5)).isInstanceOf(NoSuchFileException.class);
    }
}
