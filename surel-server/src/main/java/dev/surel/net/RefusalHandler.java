package dev.surel.net;

import java.io.IOException;

/**
 * What a protocol says to a connection the limiter refused, instead of running its session:
 * at most one line, e.g. SMTP {@code 421 4.7.0 too many connections}, IMAP
 * {@code * BYE too many connections}, POP3 {@code -ERR [SYS/TEMP] too many connections}. The
 * listener flushes and closes the connection afterwards.
 */
@FunctionalInterface
public interface RefusalHandler {
    /** Why a connection was refused. */
    enum Reason {
        /** {@code [limits] max_connections} open connections over all listeners. */
        TOO_MANY_CONNECTIONS,
        /** {@code [limits] max_connections_per_ip} open connections from this address. */
        TOO_MANY_FROM_ADDRESS
    }

    void refuse(Connection connection, Reason reason) throws IOException;

    /** Closes without a word. */
    static RefusalHandler silent() {
        return (c, r) -> { };
    }
}
