package dev.surel.tls;

/**
 * A certificate or key file that cannot be used: missing, unreadable, not PEM, encrypted,
 * or a key that does not belong to the certificate. The message names the file and says what
 * is wrong; it never contains key material.
 */
public final class TlsConfigException extends Exception {
    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
