package dev.surel.net;

import java.net.InetSocketAddress;

/**
 * A listen address as written in {@code [listen]}: {@code "host:port"}, {@code "[v6]:port"};
 * port 0 means any free port. The host is resolved when the listener binds.
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
    }

    /** Parses "host:port" / "[v6]:port"; the message says what is wrong. */
    public static HostPort parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (e.g. \"0.0.0.0:993\" or \"[::]:993\")");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\": write an IPv6 host in brackets, e.g. \"[::]:993\"");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": port is not a number");
        }
        return new HostPort(host, port);
    }

    /** The address a socket is bound to, as "host:port" (the numeric host, never a DNS lookup). */
    public static HostPort of(InetSocketAddress a) {
        return new HostPort(a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString(), a.getPort());
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
