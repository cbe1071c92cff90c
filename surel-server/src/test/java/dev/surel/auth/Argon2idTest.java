package dev.surel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The bound on hashes running at once: a burst of logins queues instead of filling the heap. */
class Argon2idTest {

    @Test
    void aBurstOfHashesRunsAtMostTheBoundAtOnce() throws Exception {
        int burst = Argon2id.AT_ONCE * 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> hashes = new ArrayList<>();
        Argon2id.mostAtOnce(); // count from here
        // platform threads: virtual ones would share the carriers (one per core) and never all run at once anyway
        try (var pool = Executors.newFixedThreadPool(burst)) {
            for (int i = 0; i < burst; i++) {
                byte[] salt = ("salt-of-user-" + i).getBytes(StandardCharsets.US_ASCII);
                hashes.add(pool.submit(() -> {
                    go.await();
                    return Argon2id.hash("password".getBytes(StandardCharsets.US_ASCII), salt, 4096, 4, 1, 19, 32);
                }));
            }
            go.countDown();
            for (Future<byte[]> f : hashes) assertThat(f.get()).hasSize(32);
        }
        int most = Argon2id.mostAtOnce();
        assertThat(most).as("hashes at once out of a burst of %d", burst).isLessThanOrEqualTo(Argon2id.AT_ONCE);
        assertThat(most).as("hashes do run side by side").isGreaterThanOrEqualTo(2);
    }

    @Test
    void sessionsKeepRunningWhileABurstHashes() throws Exception {
        int burst = Argon2id.AT_ONCE * 4;
        CountDownLatch go = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean hashing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger ticks = new java.util.concurrent.atomic.AtomicInteger();
        try (var sessions = Executors.newVirtualThreadPerTaskExecutor()) { // as IMAP/POP3/SMTP sessions log in
            List<Future<byte[]>> hashes = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                byte[] salt = ("salt-of-user-" + i).getBytes(StandardCharsets.US_ASCII);
                hashes.add(sessions.submit(() -> {
                    go.await();
                    return Argon2id.hash("password".getBytes(StandardCharsets.US_ASCII), salt, 16384, 3, 1, 19, 32);
                }));
            }
            Future<?> ticker = sessions.submit(() -> { // another session with something small to do every millisecond
                go.await();
                while (hashing.get()) {
                    ticks.incrementAndGet();
                    Thread.sleep(1);
                }
                return null;
            });
            go.countDown();
            for (Future<byte[]> f : hashes) f.get();
            hashing.set(false);
            ticker.get();
        }
        // hashes on the sessions' own virtual threads held every carrier: the ticker ran about 4 times per hash (31 ticks for 8 seen), against 60-80 per hash on the hashing threads
        assertThat(ticks.get()).as("ticks of another session during %d hashes", burst).isGreaterThan(12 * burst);
    }
}
