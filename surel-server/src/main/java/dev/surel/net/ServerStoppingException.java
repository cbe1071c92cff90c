package dev.surel.net;

/**
 * The listener is stopping: the session's read was woken so it can say goodbye before the
 * grace period ({@code [limits] shutdown_grace}) ends and the socket is closed.
 */
public final class ServerStoppingException extends SessionInterrupt {
    public ServerStoppingException() {
        super("server stopping");
    }
}
