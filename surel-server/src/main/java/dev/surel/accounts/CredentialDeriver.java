package dev.surel.accounts;

/** Turns a new password into stored {@link Credentials} (implemented by {@code dev.surel.auth.PasswordHashing}). */
@FunctionalInterface
public interface CredentialDeriver {
    /**
     * Derives the credentials; must not keep or log {@code password} (the caller wipes it).
     *
     * @throws IllegalArgumentException if the password is unusable (empty, prohibited characters)
     */
    Credentials derive(char[] password);
}
