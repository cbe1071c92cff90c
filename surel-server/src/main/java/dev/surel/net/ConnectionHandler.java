package dev.surel.net;

import java.io.IOException;

/**
 * A protocol session: runs on the connection's own virtual thread until the session ends.
 * The listener flushes and closes the connection afterwards and logs any exception (an
 * {@link IOException} at debug level: peers vanish; anything else as an error with the
 * connection id; never to the peer).
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Connection connection) throws IOException;
}
