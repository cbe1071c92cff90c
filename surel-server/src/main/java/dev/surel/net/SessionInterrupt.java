package dev.surel.net;

import java.io.IOException;

/**
 * A read ended not by the peer but by the server (an idle timeout, a deadline, the stop): the
 * protocol answers it with its goodbye (SMTP {@code 421 4.4.2}, IMAP {@code * BYE}, POP3
 * {@code -ERR}) and ends the session. The connection is still writable (for a TLS connection
 * that is being stopped, best effort).
 */
public abstract sealed class SessionInterrupt extends IOException permits IdleTimeoutException, DeadlineExceededException, ServerStoppingException {
    SessionInterrupt(String message) {
        super(message);
    }
}
