package dev.surel.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.config.ConfigLoader;
import dev.surel.server.Services;
import dev.surel.store.blob.BlobStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} right after {@link SqlMailQueue#accept} returned loses nothing: a child JVM
 * accepts messages from 8 threads and prints each returned queue id; after SIGKILL every
 * printed id is in the queue with its blob, whose bytes hash to the printed SHA-256.
 */
class QueueCrashTest {

    @TempDir Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyAcceptedMessageSurvivesSigkill() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n[store]\ngc_interval = \"0s\"\n");
        List<String[]> acks = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), QueueCrashChild.class.getName(), cfg.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.log").toFile())).start();
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch some = new CountDownLatch(50);
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("READY")) {
                            ready.countDown();
                        } else {
                            lines.add(line);
                            some.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // killed
                }
            });
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started (see child-stderr.log)").isTrue();
            assertThat(some.await(60, TimeUnit.SECONDS)).as("child acknowledged messages").isTrue();
            p.destroyForcibly(); // SIGKILL, mid-stream
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
            synchronized (lines) {
                for (String l : lines) {
                    String[] f = l.split(" ");
                    if (f.length == 3 && f[0].equals("ACK")) acks.add(f);
                }
            }
        }
        assertThat(acks.size()).isGreaterThanOrEqualTo(150);
        try (Services s = Services.openForCli(ConfigLoader.load(cfg))) {
            BlobStore blobs = new BlobStore(dir.resolve("data").resolve("blobs"));
            for (String[] a : acks) {
                QueuedMessage m = s.queue().find(a[1]).orElse(null);
                assertThat(m).as("acknowledged %s", a[1]).isNotNull();
                assertThat(m.blobHash()).isEqualTo(a[2]);
                assertThat(m.recipients()).hasSize(1);
                assertThat(blobs.digest(a[2])).as("blob of %s", a[1]).isNotNull()
                        .extracting(BlobStore.Digest::hash).isEqualTo(a[2]);
            }
        }
    }
}
