package dev.surel.net;

import java.time.Duration;

/**
 * The client sent nothing for the connection's idle timeout (read against the injected
 * clock). The protocol answers it (SMTP {@code 421 4.4.2}, IMAP {@code * BYE}, POP3
 * {@code -ERR}) and ends the session; the connection is still writable.
 */
public final class IdleTimeoutException extends SessionInterrupt {
    private final Duration timeout;

    public IdleTimeoutException(Duration timeout) {
        super("idle for " + timeout);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
