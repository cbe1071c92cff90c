package dev.surel.mailauth;

import java.util.Locale;

/**
 * Where a DKIM key is in its life (RFC 6376 §3.1 selectors allow several keys per domain, so keys
 * can be rolled): {@code pending} is published and not yet used, so resolvers' caches hold it
 * before the first signature; {@code active} signs (at most one per algorithm and domain);
 * {@code retired} no longer signs but stays published until removed, so messages signed shortly
 * before still verify.
 */
public enum DkimKeyState {
    PENDING, ACTIVE, RETIRED;

    /** The word in the key list file and the CLI. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DkimKeyState of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
