package dev.surel.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timers of the network layer, shared by all listeners.
 *
 * <table>
 * <caption>TOML keys</caption>
 * <tr><th>component</th><th>TOML key</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code maxConnections}</td><td>{@code [limits] max_connections}</td><td>integer &gt; 0</td>
 *     <td>2000</td><td>open connections over all listeners; more are refused</td></tr>
 * <tr><td>{@code maxConnectionsPerIp}</td><td>{@code [limits] max_connections_per_ip}</td>
 *     <td>integer &gt; 0</td><td>50</td><td>open connections from one IPv4 address or one IPv6 /64</td></tr>
 * <tr><td>{@code idleTimeout}</td><td>{@code [limits] idle_timeout}</td><td>duration</td>
 *     <td>"10m"</td><td>no bytes in either direction for this long: the protocol gets an
 *     {@link IdleTimeoutException}; a protocol may set its own per connection (SMTP 5m,
 *     RFC 5321 §4.5.3.2.7; IMAP at least 30m, RFC 9051 §5.4; POP3 at least 10m, RFC 1939 §3);
 *     "0s" = none</td></tr>
 * <tr><td>{@code tlsHandshakeTimeout}</td><td>{@code [limits] tls_handshake_timeout}</td>
 *     <td>duration</td><td>"10s"</td><td>a TLS handshake (implicit or STARTTLS) must finish within
 *     this real time, however the octets trickle in (a watchdog closes the socket; a handshake
 *     cannot read the clock)</td></tr>
 * <tr><td>{@code maxLineLength}</td><td>{@code [limits] max_line_length}</td><td>integer &gt; 0</td>
 *     <td>8192</td><td>default longest command line in octets, CRLF excluded; protocols may
 *     pass their own (SMTP: 512 with CRLF, RFC 5321 §4.5.3.1.4)</td></tr>
 * <tr><td>{@code idleCheckInterval}</td><td>(no TOML key; tests only)</td><td>duration</td>
 *     <td>same as idleTimeout</td><td>longest real wait between two looks at the clock while
 *     blocked in a read; tests with a {@code MutableClock} set it to a few milliseconds</td></tr>
 * <tr><td>{@code shutdownGrace}</td><td>{@code [limits] shutdown_grace}</td><td>duration</td>
 *     <td>"5s"</td><td>on stop, how long sessions may take to end before their sockets are closed</td></tr>
 * <tr><td>{@code commandDeadline}</td><td>{@code [limits] command_deadline}</td><td>duration &gt; 0</td>
 *     <td>"5m"</td><td>longest time one command line may take to arrive, from its first octet to its
 *     LF, however steadily the octets trickle in (the idle timeout restarts at every octet; this does
 *     not); sessions also use it for IMAP literals that are not messages. Past it a read raises
 *     {@link DeadlineExceededException}</td></tr>
 * </table>
 */
public record NetSettings(int maxConnections, int maxConnectionsPerIp, Duration idleTimeout,
        Duration tlsHandshakeTimeout, int maxLineLength, Duration idleCheckInterval, Duration shutdownGrace,
        Duration commandDeadline) {

    public NetSettings {
        if (maxConnections <= 0) throw new IllegalArgumentException("[limits] max_connections must be > 0");
        if (maxConnectionsPerIp <= 0) throw new IllegalArgumentException("[limits] max_connections_per_ip must be > 0");
        if (maxLineLength <= 0) throw new IllegalArgumentException("[limits] max_line_length must be > 0");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(commandDeadline, "commandDeadline");
        if (idleTimeout.isNegative()) throw new IllegalArgumentException("[limits] idle_timeout must not be negative");
        if (!tlsHandshakeTimeout.isPositive()) throw new IllegalArgumentException("[limits] tls_handshake_timeout must be > 0");
        if (!commandDeadline.isPositive()) throw new IllegalArgumentException("[limits] command_deadline must be > 0");
        if (idleCheckInterval == null || !idleCheckInterval.isPositive()) {
            idleCheckInterval = idleTimeout.isPositive() ? idleTimeout : Duration.ofMinutes(1);
        }
    }

    /** Default of {@code [limits] command_deadline}. */
    public static final Duration DEFAULT_COMMAND_DEADLINE = Duration.ofMinutes(5);

    public static NetSettings defaults() {
        return new NetSettings(2000, 50, Duration.ofMinutes(10), Duration.ofSeconds(10), 8192, null, Duration.ofSeconds(5),
                DEFAULT_COMMAND_DEADLINE);
    }

    public NetSettings withLimits(int total, int perIp) {
        return new NetSettings(total, perIp, idleTimeout, tlsHandshakeTimeout, maxLineLength, idleCheckInterval, shutdownGrace, commandDeadline);
    }

    public NetSettings withIdleTimeout(Duration idle, Duration checkInterval) {
        return new NetSettings(maxConnections, maxConnectionsPerIp, idle, tlsHandshakeTimeout, maxLineLength, checkInterval, shutdownGrace, commandDeadline);
    }

    public NetSettings withMaxLineLength(int max) {
        return new NetSettings(maxConnections, maxConnectionsPerIp, idleTimeout, tlsHandshakeTimeout, max, idleCheckInterval, shutdownGrace, commandDeadline);
    }

    public NetSettings withTlsHandshakeTimeout(Duration d) {
        return new NetSettings(maxConnections, maxConnectionsPerIp, idleTimeout, d, maxLineLength, idleCheckInterval, shutdownGrace, commandDeadline);
    }

    public NetSettings withCommandDeadline(Duration d) {
        return new NetSettings(maxConnections, maxConnectionsPerIp, idleTimeout, tlsHandshakeTimeout, maxLineLength, idleCheckInterval, shutdownGrace, d);
    }
}
