package dev.surel.auth;

import dev.surel.protocol.sasl.Scram;

/**
 * Settings of password hashing and login verification. TOML section {@code [auth]}:
 * <ul>
 *   <li>{@code argon2_memory_kib} (integer, default 19456), {@code argon2_iterations} (integer,
 *       default 2), {@code argon2_parallelism} (integer, default 1): Argon2id cost for new
 *       hashes, the OWASP Password Storage Cheat Sheet minimum (m=19 MiB, t=2, p=1). Existing
 *       hashes keep the parameters in their PHC string.</li>
 *   <li>{@code scram_iterations} (integer, default 4096, at least 4096 per RFC 7677 §4):
 *       PBKDF2 iterations of newly derived SCRAM-SHA-256 credentials.</li>
 *   <li>{@code verification_cache_size} (integer, default 10000; 0 disables): how many recent
 *       successful verifications {@link Authenticator} remembers.</li>
 *   <li>{@code [auth.throttle]}: see {@link ThrottleSettings}.</li>
 * </ul>
 */
public record AuthSettings(int argon2MemoryKib, int argon2Iterations, int argon2Parallelism,
                           int scramIterations, int verificationCacheSize, ThrottleSettings throttle) {
    public AuthSettings {
        if (argon2MemoryKib < 8 * argon2Parallelism || argon2Iterations < 1 || argon2Parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
        if (scramIterations < Scram.MIN_ITERATIONS) throw new IllegalArgumentException("scram_iterations must be >= 4096 (RFC 7677 §4)");
        if (verificationCacheSize < 0) throw new IllegalArgumentException("verification_cache_size must be >= 0");
    }

    public static AuthSettings defaults() {
        return new AuthSettings(19_456, 2, 1, 4096, 10_000, ThrottleSettings.defaults());
    }
}
