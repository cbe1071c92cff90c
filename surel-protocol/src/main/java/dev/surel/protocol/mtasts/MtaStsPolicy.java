package dev.surel.protocol.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An MTA-STS policy (RFC 8461 §3.2): its mode, the MX host patterns mail may go to, and how long it
 * may be cached.
 *
 * @param mode   enforce, testing or none
 * @param mx     host names or {@code *.}-prefixed wildcards, lower case
 * @param maxAge seconds, at most {@link #MAX_AGE} (§3.2: up to 31557600)
 */
public record MtaStsPolicy(Mode mode, List<String> mx, Duration maxAge) {

    public static final Duration MAX_AGE = Duration.ofSeconds(31_557_600);

    /** The largest policy file read (§3.3 sets no size; policies are a few hundred octets). */
    public static final int MAX_SIZE = 64 * 1024;

    public enum Mode { ENFORCE, TESTING, NONE }

    public MtaStsPolicy {
        mx = List.copyOf(mx);
    }

    /**
     * Parses a policy file (§3.2: "key: value" lines ending in CRLF or LF; unknown keys ignored;
     * version, mode and max_age required, mx required unless mode is none). Empty when invalid.
     */
    public static Optional<MtaStsPolicy> parse(String text) {
        String version = null;
        Mode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) continue;
            int colon = line.indexOf(':');
            if (colon <= 0) return Optional.empty();
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "mode" -> {
                    try {
                        mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                    if (!value.equals(value.toLowerCase(Locale.ROOT))) return Optional.empty();
                }
                case "max_age" -> {
                    if (!value.matches("[0-9]{1,10}")) return Optional.empty();
                    maxAge = Math.min(Long.parseLong(value), MAX_AGE.toSeconds());
                }
                case "mx" -> {
                    String m = value.toLowerCase(Locale.ROOT);
                    if (!m.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?")) return Optional.empty();
                    mx.add(m.endsWith(".") ? m.substring(0, m.length() - 1) : m);
                }
                default -> { } // §3.2: extension keys are ignored
            }
        }
        if (!"STSv1".equals(version) || mode == null || maxAge == null) return Optional.empty();
        if (mode != Mode.NONE && mx.isEmpty()) return Optional.empty();
        return Optional.of(new MtaStsPolicy(mode, mx, Duration.ofSeconds(maxAge)));
    }

    /**
     * §4.1: whether an MX host name matches one of the policy's patterns; a wildcard matches
     * exactly one leftmost label ({@code *.example.com} matches {@code mx.example.com}, not
     * {@code example.com} nor {@code a.b.example.com}).
     */
    public boolean allows(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        for (String p : mx) {
            if (p.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot + 1).equals(p.substring(2))) return true;
            } else if (p.equals(h)) {
                return true;
            }
        }
        return false;
    }
}
