package dev.surel.delivery;

import dev.surel.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds the hosts that take mail for a domain (RFC 5321 §5.1) by asking one DNS resolver
 * directly (no cache of its own: the resolver caches).
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

    private final Resolver resolver;
    private final int port;
    private final Random random;

    /** @param server the DNS server, or null for the system's resolvers */
    public MxResolver(HostPort server, Duration timeout, int port, Random random) {
        Resolver r;
        if (server == null) {
            r = new ExtendedResolver();
        } else {
            r = new SimpleResolver(new InetSocketAddress(server.host(), server.port()));
        }
        r.setTimeout(timeout);
        this.resolver = r;
        this.port = port;
        this.random = random;
    }

    public Destination resolve(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return new Destination.Permanent("5.1.2", "not a domain name: " + domain);
        }
        Answer mx = query(name, Type.MX);
        switch (mx) {
            case Answer.Fail f -> {
                return new Destination.Temporary("MX lookup for " + domain + ": " + f.reason());
            }
            case Answer.NxDomain n -> {
                return new Destination.Permanent("5.1.2", "no such domain: " + domain + " (NXDOMAIN)");
            }
            case Answer.Records r -> {
                List<MXRecord> records = r.records().stream()
                        .filter(x -> x instanceof MXRecord).map(x -> (MXRecord) x).toList();
                if (records.isEmpty()) return implicitMx(name, domain);
                if (records.size() == 1 && records.getFirst().getTarget().equals(Name.root)) {
                    return new Destination.NullMx();
                }
                return mxHosts(records, domain);
            }
        }
    }

    /** RFC 5321 §5.1: no MX, so the domain itself is the host, if it has an address. */
    private Destination implicitMx(Name name, String domain) {
        Addresses a = addresses(name);
        if (a.temporary() != null && a.list().isEmpty()) return new Destination.Temporary("address lookup for " + domain + ": " + a.temporary());
        if (a.list().isEmpty()) return new Destination.Permanent("5.1.2", "no MX and no A/AAAA record for " + domain);
        return new Destination.Hosts(List.of(new MailHost(domain, a.list(), port)));
    }

    private Destination mxHosts(List<MXRecord> records, String domain) {
        Map<Integer, List<MXRecord>> byPreference = new TreeMap<>();
        for (MXRecord r : records) {
            if (r.getTarget().equals(Name.root)) continue; // a "." among real MX records is ignored
            byPreference.computeIfAbsent(r.getPriority(), k -> new ArrayList<>()).add(r);
        }
        List<MailHost> hosts = new ArrayList<>();
        String temporary = null;
        for (List<MXRecord> group : byPreference.values()) {
            Collections.shuffle(group, random);
            for (MXRecord r : group) {
                Addresses a = addresses(r.getTarget());
                if (a.temporary() != null && temporary == null) temporary = a.temporary();
                if (!a.list().isEmpty()) hosts.add(new MailHost(strip(r.getTarget()), a.list(), port));
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
    private Addresses addresses(Name host) {
        List<InetAddress> out = new ArrayList<>();
        String temporary = null;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            switch (query(host, type)) {
                case Answer.Fail f -> temporary = Type.string(type) + " " + strip(host) + ": " + f.reason();
                case Answer.NxDomain n -> { }
                case Answer.Records r -> {
                    for (Record x : r.records()) {
                        if (x instanceof ARecord a) out.add(a.getAddress());
                        if (x instanceof AAAARecord a) out.add(a.getAddress());
                    }
                }
            }
        }
        return new Addresses(out, temporary);
    }

    private sealed interface Answer {
        record Records(List<Record> records) implements Answer { }

        record NxDomain() implements Answer { }

        record Fail(String reason) implements Answer { }
    }

    private Answer query(Name name, int type) {
        try {
            Message response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) return new Answer.NxDomain();
            if (rcode != Rcode.NOERROR) return new Answer.Fail(Rcode.string(rcode));
            return new Answer.Records(response.getSection(Section.ANSWER).stream()
                    .filter(r -> r.getType() == type).toList());
        } catch (IOException e) {
            return new Answer.Fail(e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
        }
    }

    private static String strip(Name n) {
        String s = n.toString();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
