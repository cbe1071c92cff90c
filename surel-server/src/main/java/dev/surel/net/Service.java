package dev.surel.net;

import java.util.Objects;

/**
 * One protocol as a listener serves it: a short name for logs and connection ids
 * ({@code "imap"}, {@code "submissions"}), the mode, the session handler and what to say when
 * the limiter refuses a connection.
 */
public record Service(String name, ListenerMode mode, ConnectionHandler handler, RefusalHandler refusal) {
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(refusal, "refusal");
    }
}
