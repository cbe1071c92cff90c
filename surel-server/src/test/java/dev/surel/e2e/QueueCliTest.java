package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.queue.Envelope;
import dev.surel.queue.QueueRecipient;
import dev.surel.queue.QueuedRecipient;
import dev.surel.server.SurelServer;
import dev.surel.store.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./surel queue list|show|retry|delete} through a running server's admin channel, and
 * {@code queue list} in a separate process on the data directory when no server runs. Without
 * an outbound transport wired in, the server's queue defers remote recipients with
 * "remote delivery not configured".
 */
class QueueCliTest {

    @TempDir Path dir;

    @Test
    void queueCommandsWorkThroughTheRunningServerAndWithout() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        // remote.test is routed to a closed port: every attempt is deferred (connection refused), never DNS
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n"
                + "[[queue.routes]]\ndomain = \"remote.test\"\nhost = \"127.0.0.1:1\"\n");
        Path data = dir.resolve("data");
        String kept;
        try (SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC())) {
            var queue = server.services().queue();
            String[] ids = new String[2];
            for (int i = 0; i < 2; i++) {
                QueueRecipient r = new QueueRecipient("carol" + i + "@remote.test", null, "carol" + i + "@remote.test", null, Set.of());
                Envelope e = new Envelope("sender@example.org", List.of(r), null, null, Envelope.BodyType.SEVEN_BIT, false, null,
                        "192.0.2.1", Instant.now());
                try (SpooledMessage s = server.services().store().spool(new ByteArrayInputStream("Subject: q\r\n\r\nx\r\n".getBytes()))) {
                    ids[i] = queue.accept(e, s);
                }
            }
            // both first attempts: the two messages are delivered concurrently, in no fixed order
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (queue.find(ids[0]).orElseThrow().recipients().getFirst().attempts() == 0
                    || queue.find(ids[1]).orElseThrow().recipients().getFirst().attempts() == 0) {
                assertThat(System.nanoTime()).as("first attempts").isLessThan(deadline);
                Thread.sleep(20);
            }

            AdminRun list = AdminRun.admin(data, "queue", "list");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains(ids[0]).contains(ids[1]).contains("<sender@example.org>")
                    .contains("queued    carol1@remote.test (remote), attempts 1")
                    .contains("4.4.1 connect: ConnectException").contains("2 message(s), 2 recipient record(s)");

            AdminRun show = AdminRun.admin(data, "queue", "show", ids[0]);
            assertThat(show.exit()).as(show.toString()).isZero();
            assertThat(show.out()).contains("queue id:     " + ids[0]).contains("reverse path: <sender@example.org>")
                    .contains("from 192.0.2.1").contains("carol0@remote.test").contains("status 4.4.1");

            AdminRun retry = AdminRun.admin(data, "queue", "retry", ids[0]);
            assertThat(retry.exit()).as(retry.toString()).isZero();
            assertThat(retry.out()).contains("1 recipient(s) due now");
            deadline = System.nanoTime() + 10_000_000_000L;
            while (queue.find(ids[0]).orElseThrow().recipients().getFirst().attempts() < 2) {
                assertThat(System.nanoTime()).as("the retry ran at once").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(AdminRun.admin(data, "queue", "retry", "--all").out()).contains("2 recipient(s) due now");

            AdminRun delete = AdminRun.admin(data, "queue", "delete", ids[0]);
            assertThat(delete.exit()).as(delete.toString()).isZero();
            assertThat(queue.find(ids[0])).isEmpty();

            AdminRun unknown = AdminRun.admin(data, "queue", "show", "NOSUCHID");
            assertThat(unknown.exit()).isEqualTo(66);
            assertThat(unknown.err()).contains("no queued message NOSUCHID");
            assertThat(AdminRun.admin(data, "queue", "delete", "NOSUCHID").exit()).isEqualTo(66);
            assertThat(AdminRun.admin(data, "queue", "retry", "NOSUCHID").exit()).isEqualTo(66);
            assertThat(AdminRun.admin(data, "queue", "retry").exit()).as("ID or --all").isEqualTo(64);
            assertThat(queue.find(ids[1]).orElseThrow().recipients().getFirst().state()).isEqualTo(QueuedRecipient.State.QUEUED);
            kept = ids[1];
        }
        // no server: the CLI opens the data directory itself
        SurelProcess.Result r = SurelProcess.cli((String) null, "--config", cfg.toString(), "queue", "list");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains(kept).contains("1 message(s), 1 recipient record(s)");
    }
}
