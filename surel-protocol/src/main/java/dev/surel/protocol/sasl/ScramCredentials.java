package dev.surel.protocol.sasl;

import java.util.Arrays;

/**
 * Salted SCRAM credentials of one user (RFC 5802 §3): what the server stores instead of the
 * password. {@code storedKey = H(ClientKey)}, {@code serverKey = HMAC(SaltedPassword, "Server Key")}.
 */
public record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public ScramCredentials {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
        if (salt.length == 0) throw new IllegalArgumentException("empty salt");
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override public byte[] salt() { return salt.clone(); }
    @Override public byte[] storedKey() { return storedKey.clone(); }
    @Override public byte[] serverKey() { return serverKey.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c && iterations == c.iterations && Arrays.equals(salt, c.salt)
                && Arrays.equals(storedKey, c.storedKey) && Arrays.equals(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + ", keys redacted]";
    }
}
