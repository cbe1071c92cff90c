package dev.surel.net;

import java.io.IOException;

/**
 * A TLS handshake (implicit or after STARTTLS) failed or timed out. The connection is
 * unusable: the protocol must not write to it again, only end the session.
 */
public final class TlsHandshakeException extends IOException {
    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
