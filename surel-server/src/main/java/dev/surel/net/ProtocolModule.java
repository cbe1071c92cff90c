package dev.surel.net;


/**
 * One protocol (SMTP, IMAP, POP3) as the server runs it: the {@link Service} each of its
 * listeners serves, and whatever runs in the background for it (closed with the server,
 * after the listeners).
 */
public interface ProtocolModule extends AutoCloseable {

    /** The session handler and busy line for one of this protocol's endpoints. */
    Service service(Endpoint endpoint);

    @Override
    default void close() {
    }
}
