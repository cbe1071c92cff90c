package dev.surel.config;

import java.net.InetSocketAddress;

/** A listen address, "host:port" or "[v6]:port"; port 0 asks the system for any free port. */
public record HostPort(String host, int port) {

    public HostPort {
        if (host.isEmpty()) throw new IllegalArgumentException("empty host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public static HostPort parse(String s) {
        String t = s.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) throw new IllegalArgumentException("not host:port: \"" + s + "\"");
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("IPv6 hosts need brackets, e.g. \"[::]:993\": \"" + s + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in \"" + s + "\"");
        }
        return new HostPort(host, port);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
