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
}
