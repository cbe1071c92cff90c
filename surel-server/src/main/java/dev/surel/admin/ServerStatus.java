package dev.surel.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A running server's state, as {@code surel status} prints it.
 *
 * @param pid            the server's process id
 * @param user           the user it runs as
 * @param startedAt      when it became ready (its listeners bound)
 * @param now            when this was taken
 * @param dataDir        its data directory
 * @param diskFree       bytes free for it on the data directory's file system
 * @param listeners      each bound listener with its open connections
 * @param maxConnections {@code [limits] max_connections}
 * @param queue          the delivery queue's size
 * @param store          the mail store's size
 */
public record ServerStatus(long pid, String user, Instant startedAt, Instant now, Path dataDir, long diskFree,
                           List<Listening> listeners, int maxConnections, QueueSize queue, StoreSize store) {

    public ServerStatus {
        listeners = List.copyOf(listeners);
    }

    public Duration uptime() {
        return Duration.between(startedAt, now);
    }

    /**
     * One listener.
     *
     * @param name        its key in {@code [listen]} ("smtp", "imaps", ...)
     * @param protocol    smtp, imap or pop3
     * @param address     the address bound, "host:port"
     * @param connections sessions running on it now (refused ones and TLS handshakes not counted)
     */
    public record Listening(String name, String protocol, String address, int connections) { }

    /** Messages in the queue, recipients still to deliver, and those of them tried and deferred. */
    public record QueueSize(long messages, long recipients, long deferred) { }

    /** Accounts, their live messages and bytes; message files on disk and their bytes. */
    public record StoreSize(long accounts, long messages, long bytes, long files, long fileBytes) { }
}
