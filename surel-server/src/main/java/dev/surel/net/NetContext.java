package dev.surel.net;

import dev.surel.tls.TlsManager;
import java.time.Clock;
import java.util.Objects;

/**
 * What all listeners of one server share: settings, the connection limiter (so limits count
 * over all ports), the TLS manager (null: no TLS at all, then STARTTLS and implicit TLS are
 * unavailable) and the clock idle timeouts read.
 */
public record NetContext(NetSettings settings, ConnectionLimiter limiter, TlsManager tls, Clock clock) {
    public NetContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(clock, "clock");
    }

    /** A context with a fresh limiter built from the settings. */
    public static NetContext of(NetSettings settings, TlsManager tls, Clock clock) {
        return new NetContext(settings, new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerIp()), tls, clock);
    }
}
