package dev.surel.filter;

import dev.surel.net.HostPort;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** Where a scanner daemon listens: {@code "host:port"} (TCP) or an absolute path (a unix socket). */
public sealed interface ScannerAddress {

    /** The address to connect to (a TCP host is resolved now). */
    SocketAddress socketAddress();

    record Tcp(HostPort hostPort) implements ScannerAddress {
        @Override
        public SocketAddress socketAddress() {
            return new InetSocketAddress(hostPort.host(), hostPort.port());
        }

        @Override
        public String toString() {
            return hostPort.host() + ":" + hostPort.port();
        }
    }

    record Unix(Path path) implements ScannerAddress {
        @Override
        public SocketAddress socketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** "/path/to/socket" or "host:port". */
    static ScannerAddress parse(String text) {
        if (text.startsWith("/")) return new Unix(Path.of(text));
        HostPort hp = HostPort.parse(text);
        if (hp.port() == 0) throw new IllegalArgumentException("\"" + text + "\": port 0");
        return new Tcp(hp);
    }
}
