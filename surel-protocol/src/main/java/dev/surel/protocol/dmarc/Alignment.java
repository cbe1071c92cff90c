package dev.surel.protocol.dmarc;

/**
 * Identifier alignment (RFC 7489 §3.1): whether an authenticated domain (DKIM d=, §3.1.1; the
 * SPF-checked MAIL FROM or HELO domain, §3.1.2) stands for the RFC 5322.From domain. Strict: the
 * two are the same name; relaxed: they have the same organizational domain (§3.2).
 */
public enum Alignment {
    STRICT, RELAXED;

    /** adkim= / aspf= tag value: "s" or "r" (case-insensitive). */
    static Alignment fromTag(String v) throws IllegalArgumentException {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "s" -> STRICT;
            case "r" -> RELAXED;
            default -> throw new IllegalArgumentException("alignment mode " + v);
        };
    }

    /** Whether {@code authenticated} aligns with {@code fromDomain} in this mode. */
    public boolean aligned(String authenticated, String fromDomain) {
        String a = OrganizationalDomain.normalize(authenticated);
        String f = OrganizationalDomain.normalize(fromDomain);
        if (a.isEmpty() || f.isEmpty()) {
            return false;
        }
        if (a.equals(f)) {
            return true;
        }
        return this == RELAXED && OrganizationalDomain.of(a).equals(OrganizationalDomain.of(f));
    }
}
