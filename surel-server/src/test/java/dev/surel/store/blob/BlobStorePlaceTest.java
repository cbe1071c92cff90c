package dev.surel.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BlobStore#place} outside the lock, then {@link BlobStore#commit} under it re-checking the file. */
class BlobStorePlaceTest {

    @TempDir Path dir;

    private static SpooledBlob spool(BlobStore b, String text) {
        return b.spool(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), 0);
    }

    @Test
    void placeMovesTheFileAndCommitThenOnlyChecksIt() throws Exception {
        BlobStore b = new BlobStore(dir);
        try (SpooledBlob s = spool(b, "Subject: a\r\n\r\nx\r\n")) {
            b.place(s);
            assertThat(b.exists(s.hash())).isTrue();
            assertThat(Files.exists(s.temp())).isFalse();
            b.commit(s);
            try (var in = b.open(s.hash()).in()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\r\n\r\nx\r\n");
            }
        }
    }

    @Test
    void placingContentThatIsAlreadyThereDropsTheTempFile() {
        BlobStore b = new BlobStore(dir);
        try (SpooledBlob first = spool(b, "same\r\n"); SpooledBlob second = spool(b, "same\r\n")) {
            b.place(first);
            b.place(second);
            assertThat(Files.exists(second.temp())).isFalse();
            b.commit(second);
            assertThat(b.exists(second.hash())).isTrue();
        }
    }

    @Test
    void aBlobCollectedBetweenPlaceAndCommitFailsTheCommit() {
        BlobStore b = new BlobStore(dir);
        try (SpooledBlob s = spool(b, "Subject: gone\r\n\r\n")) {
            b.place(s);
            b.delete(s.hash()); // the garbage collector, under the lock, before the referencing transaction
            assertThatThrownBy(() -> b.commit(s)).isInstanceOf(UncheckedIOException.class);
        }
    }

    /**
     * One spooled message appended many times in one batch (one content, many copies) is placed
     * by several threads at once: each must find it placed, none may fail moving a temp file
     * another thread already moved (seen as a spurious "cannot write" under load).
     */
    @Test
    void theSameBlobPlacedByManyThreadsAtOnce() throws Exception {
        BlobStore b = new BlobStore(dir);
        for (int round = 0; round < 50; round++) {
            try (SpooledBlob s = spool(b, "Subject: round " + round + "\r\n\r\nx\r\n")) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<?>> placed = new java.util.ArrayList<>();
                try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                    for (int t = 0; t < 8; t++) {
                        placed.add(threads.submit(() -> {
                            go.await();
                            b.place(s);
                            return null;
                        }));
                    }
                    go.countDown();
                    for (var f : placed) f.get();
                }
                b.commit(s);
                assertThat(b.exists(s.hash())).isTrue();
            }
        }
    }
}
