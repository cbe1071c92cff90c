package dev.surel.auth;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Raw Argon2id (RFC 9106 §3) by Bouncy Castle: the octets of one hash, nothing kept between
 * calls. The block memory ({@code m} KiB, 19 MiB by default) exists only while a hash runs;
 * password4j, used before, kept a zeroed copy of it per parameter set for the life of the
 * process (a third of an idle server's heap).
 */
final class Argon2id {
    private Argon2id() { }

    /**
     * Hashes running at once. Each holds its block memory (19 MiB by default) while it runs, and
     * hashing is CPU-bound: more at once than there are cores only adds memory, so many logins
     * at the same moment (a burst, or an attacker's connections) queue here instead of filling
     * the heap.
     */
    static final int AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());
    /**
     * Hashes run on these platform threads, never on a session's virtual thread: a virtual thread
     * keeps its carrier until it blocks, so hashes on them (tens of ms of CPU each) held every
     * carrier during a burst of logins and no other session ran meanwhile. The caller parks.
     */
    private static final ExecutorService HASHING = Executors.newFixedThreadPool(AT_ONCE,
            Thread.ofPlatform().daemon().name("argon2-", 1).factory());
    /** Hashes running now and the most seen at once (tests). */
    private static final AtomicInteger running = new AtomicInteger();
    private static final AtomicInteger mostAtOnce = new AtomicInteger();

    /**
     * The {@code length}-octet Argon2id hash of {@code password} with {@code salt}, {@code memoryKib}
     * KiB of memory, {@code iterations} passes, {@code parallelism} lanes and algorithm version
     * {@code version} (19 = 0x13, RFC 9106 §3.1; 16 = 0x10).
     */
    static byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int version, int length) {
        int v = switch (version) {
            case 19 -> Argon2Parameters.ARGON2_VERSION_13;
            case 16 -> Argon2Parameters.ARGON2_VERSION_10;
            default -> throw new IllegalArgumentException("Argon2 version " + version);
        };
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || length < 4) {
            throw new IllegalArgumentException("Argon2 parameters m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism);
        }
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(v).withSalt(salt)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).build();
        Future<byte[]> hash = HASHING.submit(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try { // the generator allocates its block memory in init
                byte[] out = new byte[length];
                Argon2BytesGenerator g = new Argon2BytesGenerator();
                g.init(params);
                g.generateBytes(password, out);
                return out;
            } finally {
                running.decrementAndGet();
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return hash.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the hash is under way: wait for it, keep the interrupt
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The most hashes that ran at once since the last call (which starts counting anew). */
    static int mostAtOnce() {
        return mostAtOnce.getAndSet(running.get());
    }
}
