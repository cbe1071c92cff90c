package dev.surel.sieve;

import java.nio.file.Path;

/**
 * The stored scripts' limits and the site's global scripts ({@code [sieve]});
 * {@link dev.surel.config.SurelConfig#sieve()} builds them.
 *
 * @param maxScriptSize {@code sieve.max_script_size}: largest script in octets (default 1 MiB, as Dovecot's sieve_max_script_size)
 * @param maxScripts    {@code sieve.max_scripts}: most scripts one user keeps (default 100)
 * @param before        {@code sieve.before}: a script file run at every local delivery before the user's script, or null
 * @param after         {@code sieve.after}: a script file run after the user's script, or null
 */
public record SieveSettings(long maxScriptSize, int maxScripts, Path before, Path after) {
    public SieveSettings {
        if (maxScriptSize < 1) throw new IllegalArgumentException("max_script_size must be >= 1");
        if (maxScripts < 1) throw new IllegalArgumentException("max_scripts must be >= 1");
    }

    public SieveSettings(long maxScriptSize, int maxScripts) {
        this(maxScriptSize, maxScripts, null, null);
    }

    public static SieveSettings defaults() {
        return new SieveSettings(1L << 20, 100);
    }
}
