package dev.surel.tls;

import java.util.Locale;

/**
 * Matching of an SNI host name against a configured domain pattern: {@code example.com}
 * matches exactly that name; {@code *.example.com} matches exactly one further label
 * ({@code mail.example.com}, not {@code example.com} nor {@code a.b.example.com}), as for
 * certificate wildcards (RFC 6125 §6.4.3). Comparison ignores ASCII case and a trailing dot.
 */
final class DomainPattern {
    private DomainPattern() {}

    static void validate(String pattern) {
        String p = normalize(pattern);
        String rest = p.startsWith("*.") ? p.substring(2) : p;
        if (rest.isEmpty() || rest.contains("*") || !rest.matches("[a-z0-9._-]+") || rest.startsWith(".")
                || rest.contains("..")) {
            throw new IllegalArgumentException("[[tls.sni]] domain \"" + pattern
                    + "\" is not a domain name or *.domain pattern");
        }
    }

    static boolean matches(String pattern, String hostName) {
        String p = normalize(pattern);
        String h = normalize(hostName);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String suffix = p.substring(1); // ".example.com"
        if (!h.endsWith(suffix)) {
            return false;
        }
        String label = h.substring(0, h.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }

    static boolean isWildcard(String pattern) {
        return pattern.startsWith("*.");
    }

    private static String normalize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
