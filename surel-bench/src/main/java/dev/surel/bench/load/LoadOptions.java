package dev.surel.bench.load;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every workload shares (a picocli mixin): where the server is, how to connect, which
 * users to log in as, which local source addresses to spread connections over, and the warm-up.
 *
 * <p>Users: {@code --user U} names one user for every client; otherwise {@code --users PATTERN}
 * (a {@code %d} pattern) with {@code --user-count N} names user1..userN, and client {@code i}
 * (from 0) logs in as user {@code (i mod N) + 1}.
 */
final class LoadOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "Server port (default: the protocol's standard port, 143/993 or 110/995).")
    int port;

    @Option(names = "--tls", description = "Implicit TLS at connect (any certificate is trusted).")
    boolean tls;

    @Option(names = "--starttls", description = "STARTTLS (IMAP) / STLS (POP3) before logging in (any certificate is trusted).")
    boolean starttls;

    @Option(names = "--user", description = "The one user every client logs in as.")
    String user;

    @Option(names = "--users", description = "User name pattern with %%d, e.g. 'user%%d@bench.test' (with --user-count).")
    String usersPattern;

    @Option(names = "--user-count", defaultValue = "1", description = "Users 1..N of --users (default: ${DEFAULT-VALUE}).")
    int userCount;

    @Option(names = "--password", required = true, description = "The password of every user.")
    String password;

    @Option(names = "--sources", description = "Local source addresses to bind client sockets to, round-robin: "
            + "a range 127.0.0.2-127.0.0.60 and/or a comma-separated list (default: none, the system picks).")
    String sources;

    @Option(names = "--warmup-seconds", defaultValue = "0", description = "Untimed work before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    /** The port to use: {@code --port}, else the standard plain or implicit-TLS one. */
    int port(int plainDefault, int tlsDefault) {
        return port > 0 ? port : tls ? tlsDefault : plainDefault;
    }

    Connector connector(int plainDefault, int tlsDefault) {
        if (tls && starttls) throw new IllegalArgumentException("--tls and --starttls exclude each other");
        return new Connector(host, port(plainDefault, tlsDefault), tls, sourceAddresses());
    }

    /** The login name of client {@code i} (from 0). */
    String user(int i) {
        if (user != null) return user;
        if (usersPattern == null) throw new IllegalArgumentException("give --user or --users PATTERN --user-count N");
        return String.format(Locale.ROOT, usersPattern, userIndex(i) + 1);
    }

    /** Which user (0-based) client {@code i} logs in as; 0 with --user. */
    int userIndex(int i) {
        return user != null ? 0 : Math.floorMod(i, userCount());
    }

    int userCount() {
        if (userCount < 1) throw new IllegalArgumentException("--user-count must be at least 1");
        return user != null ? 1 : userCount;
    }

    List<InetAddress> sourceAddresses() {
        return sources == null ? List.of() : parseSources(sources);
    }

    /** Parses {@code 127.0.0.2-127.0.0.60,127.0.1.1}: IPv4 ranges (inclusive) and single addresses. */
    static List<InetAddress> parseSources(String spec) {
        List<InetAddress> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(address(p));
                continue;
            }
            long from = ipv4(address(p.substring(0, dash).strip()));
            long to = ipv4(address(p.substring(dash + 1).strip()));
            if (to < from || to - from > 1 << 20) throw new IllegalArgumentException("bad source range " + p);
            for (long a = from; a <= to; a++) {
                byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
                try {
                    out.add(InetAddress.getByAddress(b));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--sources names no address");
        return out;
    }

    private static InetAddress address(String literal) {
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) throw new IllegalArgumentException("not an IP address: " + literal);
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
    }

    private static long ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) throw new IllegalArgumentException("ranges are IPv4 only: " + a.getHostAddress());
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    /**
     * Null when {@code connections} client sockets fit this process (open-file limit, ephemeral
     * ports per source address); else the reason, for the caller to print before exiting 2.
     */
    String tooManyConnections(int connections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long max = os.getMaxFileDescriptorCount();
            long needed = connections + 64L + os.getOpenFileDescriptorCount();
            if (needed > max) {
                return "the open-file limit is " + max + " but " + connections + " connections need about " + needed
                        + ": raise it first (ulimit -n " + (needed + 1000) + ")";
            }
        }
        int perSource = (int) Math.ceil(connections / (double) Math.max(1, sourceAddresses().size()));
        int ports = ephemeralPorts();
        if (perSource > ports) {
            return connections + " connections from " + Math.max(1, sourceAddresses().size()) + " source address(es) need "
                    + perSource + " ports each, but only " + ports + " ephemeral ports exist (net.ipv4.ip_local_port_range):"
                    + " spread them with --sources 127.0.0.2-127.0.0.N";
        }
        return null;
    }

    private static int ephemeralPorts() {
        try {
            String[] r = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip().split("\\s+");
            return Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
        } catch (Exception e) {
            return 28_232; // Linux's default range 32768-60999
        }
    }
}
