package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Mx;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Finds the hosts that take mail for a domain (RFC 5321 §5.1) through the server's
 * {@link DnsResolver} (which caches).
 *
 * <ul>
 * <li>MX records sorted by preference, equal preferences in random order (RFC 5321 §5.1).</li>
 * <li>No MX records (NOERROR, empty answer): the domain's own A/AAAA records are the one host
 *     ("implicit MX").</li>
 * <li>A single {@code MX 0 .}: null MX, the domain takes no mail (RFC 7505 §3).</li>
 * <li>NXDOMAIN: no such domain (permanent). SERVFAIL, REFUSED, timeouts: temporary.</li>
 * </ul>
 */
public final class MxResolver {

    /** A host to try: its name (for logs, SNI) and addresses, all on {@code port}. */
    public record MailHost(String name, List<InetAddress> addresses, int port) {
        public MailHost {
            addresses = List.copyOf(addresses);
        }
    }

    /** What DNS says about a destination domain. */
    public sealed interface Destination {
        /** Hosts in the order to try them. Never empty. */
        record Hosts(List<MailHost> hosts) implements Destination {
            public Hosts {
                hosts = List.copyOf(hosts);
            }
        }

        /** RFC 7505: the domain declares it accepts no mail. */
        record NullMx() implements Destination { }

        /** The domain or its mail hosts do not exist: a permanent failure with this RFC 3463 status. */
        record Permanent(String status, String reason) implements Destination { }

        /** Try later. */
        record Temporary(String reason) implements Destination { }
    }

    private final DnsResolver dns;
    private final int port;
    private final Random random;

    /** @param dns the server's resolver; {@code port} is the one mail hosts are contacted on */
    public MxResolver(DnsResolver dns, int port, Random random) {
        this.dns = dns;
        this.port = port;
        this.random = random;
    }

    public Destination resolve(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!validName(d)) return new Destination.Permanent("5.1.2", "not a domain name: " + domain);
        return switch (dns.mx(d)) {
            case Lookup.Temporary<Mx> t -> new Destination.Temporary("MX lookup for " + domain + ": " + t.reason());
            case Lookup.NoSuchDomain<Mx> n -> new Destination.Permanent("5.1.2", "no such domain: " + domain + " (NXDOMAIN)");
            case Lookup.NoRecords<Mx> n -> implicitMx(d, domain);
            case Lookup.Found<Mx> f -> {
                if (f.records().size() == 1 && f.records().getFirst().isNull()) yield new Destination.NullMx();
                yield mxHosts(f.records(), domain);
            }
        };
    }

    private static boolean validName(String d) {
        try {
            Name.fromString(d + ".");
            return !d.isEmpty();
        } catch (TextParseException e) {
            return false;
        }
    }

    /** RFC 5321 §5.1: no MX, so the domain itself is the host, if it has an address. */
    private Destination implicitMx(String name, String domain) {
        Addresses a = addresses(name);
        if (a.temporary() != null && a.list().isEmpty()) return new Destination.Temporary("address lookup for " + domain + ": " + a.temporary());
        if (a.list().isEmpty()) return new Destination.Permanent("5.1.2", "no MX and no A/AAAA record for " + domain);
        return new Destination.Hosts(List.of(new MailHost(domain, a.list(), port)));
    }

    private Destination mxHosts(List<Mx> records, String domain) {
        Map<Integer, List<Mx>> byPreference = new TreeMap<>();
        for (Mx r : records) {
            if (r.isNull()) continue; // a "." among real MX records is ignored
            byPreference.computeIfAbsent(r.preference(), k -> new ArrayList<>()).add(r);
        }
        List<MailHost> hosts = new ArrayList<>();
        String temporary = null;
        for (List<Mx> group : byPreference.values()) {
            Collections.shuffle(group, random);
            for (Mx r : group) {
                Addresses a = addresses(r.host());
                if (a.temporary() != null && temporary == null) temporary = a.temporary();
                if (!a.list().isEmpty()) hosts.add(new MailHost(r.host(), a.list(), port));
            }
        }
        if (hosts.isEmpty()) {
            return new Destination.Temporary("no address for any MX host of " + domain
                    + (temporary != null ? " (" + temporary + ")" : ""));
        }
        return new Destination.Hosts(hosts);
    }

    private record Addresses(List<InetAddress> list, String temporary) { }

    /** A then AAAA addresses of a host; a temporary failure of either is reported beside what was found. */
    private Addresses addresses(String host) {
        List<InetAddress> out = new ArrayList<>();
        String temporary = null;
        for (String type : new String[] {"A", "AAAA"}) {
            Lookup<InetAddress> l = type.equals("A") ? dns.a(host) : dns.aaaa(host);
            if (l instanceof Lookup.Temporary<InetAddress> t) temporary = type + " " + host + ": " + t.reason();
            out.addAll(l.records());
        }
        return new Addresses(out, temporary);
    }
}
