package dev.surel.protocol.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 primitives of RFC 5802 §2.2 and §3 with H = SHA-256 (RFC 7677), and the
 * derivation of {@link ScramCredentials} from a password (done when a password is set).
 */
public final class Scram {
    private Scram() { }

    /** RFC 7677 §4: at least 4096 iterations. */
    public static final int MIN_ITERATIONS = 4096;

    /**
     * Derives the stored credentials: SaltedPassword = Hi(SASLprep(password), salt, i);
     * ClientKey = HMAC(SaltedPassword, "Client Key"); StoredKey = H(ClientKey);
     * ServerKey = HMAC(SaltedPassword, "Server Key") (RFC 5802 §3).
     *
     * @throws SaslPrep.ProhibitedCharacter if the password holds a character SASLprep prohibits
     */
    public static ScramCredentials derive(char[] password, byte[] salt, int iterations) {
        char[] prepared = SaslPrep.prepare(password);
        byte[] pw = Utf8.encode(prepared);
        Arrays.fill(prepared, '\0');
        byte[] salted = hi(pw, salt, iterations);
        Arrays.fill(pw, (byte) 0);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        Arrays.fill(salted, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        return new ScramCredentials(salt, iterations, storedKey, serverKey);
    }

    /** Hi(str, salt, i) of RFC 5802 §2.2: PBKDF2 with HMAC-SHA-256 and one output block. */
    static byte[] hi(byte[] str, byte[] salt, int iterations) {
        Mac mac = mac(str);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int n = 1; n < iterations; n++) {
            u = mac.doFinal(u);
            for (int k = 0; k < result.length; k++) result[k] ^= u[k];
        }
        return result;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal for HMAC but refused by SecretKeySpec: use one zero byte,
            // which HMAC pads to the same block (RFC 2104 §2).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
