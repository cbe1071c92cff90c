package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.queue.Envelope;
import dev.surel.queue.QueueRecipient;
import dev.surel.queue.SqlMailQueue;
import dev.surel.store.SpooledMessage;
import dev.surel.store.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions accepting into the queue at once share one commit (and one sync): lives here to see
 * {@link Database#commits()}.
 */
class QueueGroupCommitTest {

    @TempDir Path dir;

    @Test
    void concurrentAcceptsShareOneCommit() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 2)) {
            BlobStore blobs = new BlobStore(dir.resolve("blobs"));
            SqlMailQueue queue = new SqlMailQueue(db, blobs, Clock.systemUTC());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread blocker = Thread.ofVirtual().start(() -> db.write(c -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            holding.await();
            long before = db.commits();
            int sessions = 20;
            List<Future<String>> ids = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < sessions; i++) {
                    int n = i;
                    ids.add(pool.submit(() -> {
                        QueueRecipient r = new QueueRecipient("r@remote.test", null, "r@remote.test", null, Set.of());
                        Envelope e = new Envelope("s@example.test", List.of(r), null, null, Envelope.BodyType.SEVEN_BIT, false,
                                null, "192.0.2.1", Instant.now());
                        try (SpooledMessage s = blobs.spool(new ByteArrayInputStream(("Subject: " + n + "\r\n\r\nx\r\n")
                                .getBytes(StandardCharsets.US_ASCII)), 0)) {
                            return queue.accept(e, s);
                        }
                    }));
                }
                while (db.queuedWrites() < sessions) Thread.sleep(5);
                release.countDown();
                blocker.join();
                for (Future<String> f : ids) assertThat(f.get()).isNotBlank();
            }
            assertThat(db.commits() - before).as("the blocker's commit and one for all 20 accepts").isEqualTo(2);
            assertThat(queue.list()).hasSize(sessions);
        }
    }
}
