package dev.surel.sieve;

/**
 * Limits of the stored scripts ({@code [sieve]}); {@link dev.surel.config.SurelConfig#sieve()} builds them.
 *
 * @param maxScriptSize {@code sieve.max_script_size}: largest script in octets (default 1 MiB, as Dovecot's sieve_max_script_size)
 * @param maxScripts    {@code sieve.max_scripts}: most scripts one user keeps (default 100)
 */
public record SieveSettings(long maxScriptSize, int maxScripts) {
    public SieveSettings {
        if (maxScriptSize < 1) throw new IllegalArgumentException("max_script_size must be >= 1");
        if (maxScripts < 1) throw new IllegalArgumentException("max_scripts must be >= 1");
    }

    public static SieveSettings defaults() {
        return new SieveSettings(1L << 20, 100);
    }
}
