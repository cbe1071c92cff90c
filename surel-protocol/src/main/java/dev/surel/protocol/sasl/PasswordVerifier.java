package dev.surel.protocol.sasl;

/** Checks a clear-text password for PLAIN and LOGIN. */
@FunctionalInterface
public interface PasswordVerifier {

    /** The verifier's answer. */
    enum Verdict { ACCEPTED, REJECTED, TEMPORARY_FAILURE }

    /**
     * Verifies {@code password} for the login {@code authcid}. The mechanism zeroes
     * {@code password} after the call; implementations must not keep or log it.
     */
    Verdict verify(String authcid, char[] password);
}
