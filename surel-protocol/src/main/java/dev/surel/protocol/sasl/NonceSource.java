package dev.surel.protocol.sasl;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes the server part of a SCRAM nonce. Must return printable ASCII without {@code ','}
 * (RFC 5802 §7 {@code printable}). Injectable so tests can reproduce RFC 7677 §3 exactly.
 */
@FunctionalInterface
public interface NonceSource {
    String next();

    /** 18 bytes from {@code random}, base64: 24 characters, 144 bits of entropy. */
    static NonceSource secure(SecureRandom random) {
        return () -> {
            byte[] b = new byte[18];
            random.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        };
    }
}
