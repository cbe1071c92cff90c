package dev.surel.sieve;

import dev.surel.protocol.sieve.SieveCompiler;
import dev.surel.protocol.sieve.SieveEnvironment;
import dev.surel.protocol.sieve.SieveException;
import dev.surel.protocol.sieve.SieveInterpreter;
import dev.surel.protocol.sieve.SieveMessage;
import dev.surel.protocol.sieve.SieveResult;
import dev.surel.protocol.sieve.SieveScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the scripts of one delivery: the site's {@code sieve.before} script, the user's active
 * script and {@code sieve.after}, in that order, as one run (Pigeonhole's sieve_before and
 * sieve_after). With global scripts the run is a small script that includes them
 * (RFC 6609: {@code include :global} and {@code :personal}), so their actions add up, the implicit
 * keep is cancelled by any of them, and {@code stop} in one ends the whole run (§3.2).
 *
 * <p>The global scripts are read and compiled once, at start ({@link #load}): one that does not
 * compile stops the start with its line. User scripts are compiled at delivery and kept by
 * content (at most {@link #CACHED} of them); a script that no longer compiles (stored by an
 * older version) fails the run, which then keeps the message (RFC 5228 §2.10.6).
 */
public final class SieveRunner {

    /** Names the global scripts have for {@code include :global}. */
    public static final String BEFORE = "sieve_before";
    public static final String AFTER = "sieve_after";
    static final int CACHED = 256;

    private final String before;
    private final String after;
    private final Map<String, SieveScript> compiled = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SieveScript> eldest) {
            return size() > CACHED;
        }
    };

    private SieveRunner(String before, String after) {
        this.before = before;
        this.after = after;
    }

    /** Reads and compiles the global scripts of {@code settings}. */
    public static SieveRunner load(SieveSettings settings) {
        return new SieveRunner(global(settings.before(), "sieve.before"), global(settings.after(), "sieve.after"));
    }

    /** No global scripts. */
    public static SieveRunner none() {
        return new SieveRunner(null, null);
    }

    private static String global(Path file, String key) {
        if (file == null) return null;
        try {
            String source = ScriptSource.decode(Files.readAllBytes(file));
            SieveCompiler.compile(source);
            return source;
        } catch (IOException e) {
            throw new IllegalStateException(key + ": cannot read " + file + ": " + e.getMessage(), e);
        } catch (ScriptError e) {
            throw new IllegalStateException(key + ": " + file + ": " + e.getMessage(), e);
        } catch (SieveException e) {
            throw new IllegalStateException(key + ": " + file + " line " + e.line() + ": " + e.detail(), e);
        }
    }

    public boolean hasGlobal() {
        return before != null || after != null;
    }

    /** RFC 6609 {@code include :global}: the site's scripts by their names. */
    public Optional<String> global(String name) {
        if (name.equals(BEFORE)) return Optional.ofNullable(before);
        if (name.equals(AFTER)) return Optional.ofNullable(after);
        return Optional.empty();
    }

    /** Runs the scripts on {@code message}; never throws for what a script does (a failure is the result's error). */
    public SieveResult run(Optional<SieveScripts.Active> active, SieveMessage message, SieveEnvironment environment) {
        String source;
        if (!hasGlobal()) {
            if (active.isEmpty()) return SieveResult.fallback(null);
            source = active.get().content();
        } else {
            StringBuilder s = new StringBuilder("require \"include\";\r\n");
            if (before != null) s.append("include :global \"").append(BEFORE).append("\";\r\n");
            active.ifPresent(a -> s.append("include :personal \"").append(quoted(a.name())).append("\";\r\n"));
            if (after != null) s.append("include :global \"").append(AFTER).append("\";\r\n");
            source = s.toString();
        }
        SieveScript script;
        try {
            script = compile(source);
        } catch (SieveException e) {
            return SieveResult.fallback(e);
        }
        return SieveInterpreter.run(script, message, environment);
    }

    private SieveScript compile(String source) throws SieveException {
        String key = sha256(source);
        synchronized (compiled) {
            SieveScript s = compiled.get(key);
            if (s != null) return s;
        }
        SieveScript s = SieveCompiler.compile(source);
        synchronized (compiled) {
            compiled.put(key, s);
        }
        return s;
    }

    private static String quoted(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
