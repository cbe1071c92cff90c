package dev.surel.admin;

/**
 * What only a running server can answer or do, for {@code surel status} and {@code surel stop}
 * through its admin channel. A CLI working on the data directory without a server has none.
 */
public interface ServerControl {

    /** The server's state now: process, uptime, listeners and their connections, queue and store size. */
    ServerStatus status();

    /**
     * Starts a graceful stop (the same as SIGTERM: no new connections, sessions get
     * {@code [limits] shutdown_grace}, the queue's running deliveries finish) and returns at once,
     * so the admin reply still goes out; the process then exits with status 0.
     */
    void stop();
}
