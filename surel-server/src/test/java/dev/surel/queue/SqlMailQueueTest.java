package dev.surel.queue;

import static dev.surel.queue.QueueKit.accept;
import static dev.surel.queue.QueueKit.envelope;
import static dev.surel.queue.QueueKit.local;
import static dev.surel.queue.QueueKit.remote;
import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.queue.QueueRecipient.Notify;
import dev.surel.store.blob.BlobStore;
import dev.surel.store.sql.Database;
import dev.surel.testkit.TestStore;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link SqlMailQueue#accept} leaves on disk, and how the queue's blob references meet the blob GC. */
class SqlMailQueueTest {

    @TempDir Path dir;

    private static final String MESSAGE = "Subject: durable\r\n\r\nkeep me\r\n";

    @Test
    void acceptCommitsTheBlobAndOneRecordPerRecipient() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            QueueRecipient orcpt = new QueueRecipient("carol@remote.test", null, "Carol@remote.test", "rfc822;carol@remote.test",
                    Set.of(Notify.SUCCESS, Notify.FAILURE));
            Envelope e = new Envelope("alice@example.test", List.of(local(f, BOB), orcpt), Envelope.Ret.FULL, "ENV-1",
                    Envelope.BodyType.EIGHT_BIT_MIME, true, "alice@example.test", "198.51.100.7", QueueKit.T0);
            String id = accept(f, e, MESSAGE);

            // another connection to the same file sees it: committed (no runner is started)
            Path db = dir.resolve("data").resolve("surel.db");
            try (Database other = Database.openSqlite(db, 1)) {
                String hash = other.read(c -> {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT blob_hash, size FROM queue_messages WHERE queue_id = '" + id + "'")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong(2)).isEqualTo(MESSAGE.length());
                        return rs.getString(1);
                    }
                });
                long records = other.read(c -> {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM queue_recipients WHERE queue_id = '"
                            + id + "' AND state = 'queued'")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                assertThat(records).isEqualTo(2);
                BlobStore blobs = new BlobStore(dir.resolve("data").resolve("blobs"));
                assertThat(blobs.exists(hash)).isTrue();
                try (var in = blobs.open(hash).in()) {
                    assertThat(new String(in.readAllBytes())).isEqualTo(MESSAGE);
                }
            }

            QueuedMessage m = f.queue().find(id).orElseThrow();
            assertThat(m.reversePath()).isEqualTo("alice@example.test");
            assertThat(m.ret()).isEqualTo(Envelope.Ret.FULL);
            assertThat(m.envid()).isEqualTo("ENV-1");
            assertThat(m.body()).isEqualTo(Envelope.BodyType.EIGHT_BIT_MIME);
            assertThat(m.smtputf8()).isTrue();
            assertThat(m.authenticatedAs()).isEqualTo("alice@example.test");
            assertThat(m.clientAddress()).isEqualTo("198.51.100.7");
            assertThat(m.receivedAt()).isEqualTo(QueueKit.T0);
            assertThat(m.recipients()).extracting(QueuedRecipient::recipient).containsExactly(local(f, BOB), orcpt);
            assertThat(m.recipients()).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(QueuedRecipient.State.QUEUED);
                assertThat(r.nextAttemptAt()).isEqualTo(QueueKit.T0);
            });
        }
    }

    @Test
    void concurrentAcceptsAllLandWithDistinctIds() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                ids.add(pool.submit((Callable<String>) () -> accept(f, envelope("s@remote.test", local(f, ALICE)), "Subject: " + n + "\r\n\r\nx\r\n")));
            }
            List<String> got = new ArrayList<>();
            for (Future<String> id : ids) got.add(id.get());
            pool.close();
            assertThat(got).doesNotHaveDuplicates();
            assertThat(f.queue().list()).hasSize(40);
        }
    }

    @Test
    void theGarbageCollectorKeepsABlobWhileItIsQueued() throws Exception {
        try (TestStore f = QueueKit.setup().toml("store", "blob_gc_grace = \"1m\"\n").open(dir)) {
            String id = accept(f, envelope("alice@example.test", remote("carol@remote.test")), MESSAGE);
            String hash = f.queue().find(id).orElseThrow().blobHash();
            BlobStore blobs = new BlobStore(dir.resolve("data").resolve("blobs"));
            for (int i = 0; i < 3; i++) {
                f.store().gc();
                f.mutableClock().advance(Duration.ofHours(1));
            }
            f.store().gc();
            assertThat(blobs.exists(hash)).as("queued blob survives the GC").isTrue();

            f.queue().delete(id);
            f.store().gc(); // marks it orphaned
            f.mutableClock().advance(Duration.ofMinutes(2));
            f.store().gc(); // deletes it after the grace
            assertThat(blobs.exists(hash)).as("unreferenced once the message left the queue").isFalse();
            assertThat(f.store().check().problems()).isEmpty();
        }
    }

    @Test
    void retryMakesDeferredRecordsDueNowAndDeleteRemovesTheMessage() throws Exception {
        try (TestStore f = QueueKit.setup().open(dir)) {
            String id = accept(f, envelope("alice@example.test", remote("carol@remote.test")), MESSAGE);
            f.queue().apply(id, List.of(SqlMailQueue.Update.retry(f.queue().find(id).orElseThrow().recipients().getFirst().id(),
                    QueueKit.T0.plus(Duration.ofHours(1)), "4.0.0", "451 later", null)));
            assertThat(f.queue().due(QueueKit.T0, 10)).isEmpty();
            f.mutableClock().advance(Duration.ofMinutes(1));
            assertThat(f.queue().retry(id)).isEqualTo(1);
            assertThat(f.queue().due(f.mutableClock().instant(), 10)).extracting(QueuedMessage::queueId).containsExactly(id);
            assertThat(f.queue().retry("NOSUCHID")).isZero();
            assertThat(f.queue().delete(id)).isTrue();
            assertThat(f.queue().delete(id)).isFalse();
            assertThat(f.queue().list()).isEmpty();
        }
    }
}
