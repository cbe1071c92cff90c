package dev.surel.accounts;

import java.util.Objects;

/**
 * What is stored for a password: an Argon2id PHC string ({@code accounts.password_hash}) and
 * the SCRAM-SHA-256 credentials ({@code accounts.scram_sha256},
 * {@code iterations:salt:storedKey:serverKey} in base64). Neither is the password; still,
 * {@link #toString()} hides them.
 */
public record Credentials(String passwordHash, String scramSha256) {
    public Credentials {
        Objects.requireNonNull(passwordHash);
        Objects.requireNonNull(scramSha256);
    }

    @Override
    public String toString() {
        return "Credentials[redacted]";
    }
}
