package dev.surel.auth;

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
    private static final java.util.concurrent.Semaphore RUNNING = new java.util.concurrent.Semaphore(AT_ONCE, true);
    /** Hashes running now and the most seen at once (tests). */
    private static final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

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
        byte[] out = new byte[length];
        RUNNING.acquireUninterruptibly();
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try { // the generator allocates its block memory in init
            Argon2BytesGenerator g = new Argon2BytesGenerator();
            g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(v).withSalt(salt)
                    .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).build());
            g.generateBytes(password, out);
        } finally {
            running.decrementAndGet();
            RUNNING.release();
        }
        return out;
    }

    /** The most hashes that ran at once since the last call (which starts counting anew). */
    static int mostAtOnce() {
        return mostAtOnce.getAndSet(running.get());
    }
}
