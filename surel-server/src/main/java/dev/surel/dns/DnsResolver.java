package dev.surel.dns;

import dev.surel.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The server's one DNS resolver: asks recursive DNS servers (a stub resolver, RFC 1123 §6.1.3.1)
 * through dnsjava, each query on UDP offering EDNS(0) with a {@value #EDNS_UDP_SIZE}-octet payload
 * (RFC 6891), with a retry on TCP when the answer is truncated (RFC 7766 §5).
 *
 * <ul>
 * <li>Servers are asked in the configured order; a timeout, a network error, SERVFAIL or REFUSED
 *     at one moves to the next (failover). When all fail the lookup is {@link Lookup.Temporary}.</li>
 * <li>NXDOMAIN is {@link Lookup.NoSuchDomain}; NOERROR without a record of the type is
 *     {@link Lookup.NoRecords} (NODATA, RFC 2308 §2.2).</li>
 * <li>Answers are cached for the smallest TTL of the records used (RFC 2181 §5.2, §8), capped at
 *     {@link #MAX_TTL}; NXDOMAIN and NODATA for min(SOA TTL, SOA MINIMUM) of the SOA in the
 *     authority section (RFC 2308 §5), not at all without one. Temporary failures are not cached.</li>
 * <li>Only {@link #tlsa} asks for and reports the AD bit (RFC 6840 §5.7, RFC 4035 §3.2.3): DANE
 *     (RFC 7672 §2.2) trusts a TLSA record only from a validating resolver. The path to the
 *     resolver must then be trusted (loopback, RFC 4035 §4.9.3).</li>
 * </ul>
 */
public final class DnsResolver {

    /** The longest any answer is kept, whatever its TTL (RFC 2308 §5 suggests one to three hours for negative ones). */
    public static final Duration MAX_TTL = Duration.ofDays(1);

    /** The UDP payload size offered in EDNS(0) (RFC 6891 §6.2.5; 1232 avoids IP fragmentation, DNS Flag Day 2020). */
    public static final int EDNS_UDP_SIZE = 1232;

    /** Entries the cache holds at most. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    /** What one query gave, before typing: kept in the cache. */
    private sealed interface Raw {
        record Records(List<Record> records, boolean ad) implements Raw { }

        record NxDomain() implements Raw { }

        record NoData() implements Raw { }

        record Fail(String reason) implements Raw { }
    }

    private record Key(Name name, int type, boolean ad) { }

    private final List<SimpleResolver> servers;
    private final List<String> serverNames;
    private final DnsCache<Key, Raw> cache;

    /**
     * @param servers   recursive DNS servers in the order to ask them; empty = the system's
     *                  ({@code /etc/resolv.conf})
     * @param timeout   one query to one server
     * @param clock     read for TTL expiry
     * @param cacheSize most cached answers; 0 = no cache
     */
    public DnsResolver(List<HostPort> servers, Duration timeout, Clock clock, int cacheSize) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (servers.isEmpty()) {
            addresses.addAll(ResolverConfig.getCurrentConfig().servers());
            if (addresses.isEmpty()) addresses.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        } else {
            for (HostPort s : servers) addresses.add(new InetSocketAddress(s.host(), s.port()));
        }
        List<SimpleResolver> rs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(timeout);
            r.setEDNS(0, EDNS_UDP_SIZE, 0, List.of()); // RFC 6891: TXT (SPF, DKIM keys) and TLSA often exceed 512 octets
            rs.add(r);
            names.add(a.getHostString() + ":" + a.getPort());
        }
        this.servers = List.copyOf(rs);
        this.serverNames = List.copyOf(names);
        this.cache = new DnsCache<>(clock, cacheSize);
    }

    /** A resolver for the {@code [dns]} settings. */
    public DnsResolver(DnsSettings settings, Clock clock) {
        this(settings.servers(), settings.timeout(), clock, settings.cacheSize());
    }

    /** The servers asked, in order ("host:port"). */
    public List<String> servers() {
        return serverNames;
    }

    /** MX records of a domain (RFC 1035 §3.3.9), unsorted. */
    public Lookup<Mx> mx(String domain) {
        return lookup(domain, Type.MX, false, r -> r instanceof MXRecord m
                ? new Mx(m.getPriority(), host(m.getTarget())) : null);
    }

    /** IPv4 addresses (A, RFC 1035 §3.4.1). */
    public Lookup<InetAddress> a(String host) {
        return lookup(host, Type.A, false, r -> r instanceof ARecord a ? a.getAddress() : null);
    }

    /** IPv6 addresses (AAAA, RFC 3596 §2). */
    public Lookup<InetAddress> aaaa(String host) {
        return lookup(host, Type.AAAA, false, r -> r instanceof AAAARecord a ? a.getAddress() : null);
    }

    /**
     * A then AAAA addresses of a host: found when either has records; else temporary when either
     * failed; else NXDOMAIN or NODATA as the A lookup says.
     */
    public Lookup<InetAddress> addresses(String host) {
        Lookup<InetAddress> v4 = a(host);
        Lookup<InetAddress> v6 = aaaa(host);
        List<InetAddress> all = new ArrayList<>(v4.records());
        all.addAll(v6.records());
        if (!all.isEmpty()) return new Lookup.Found<>(all, false);
        if (v4 instanceof Lookup.Temporary<InetAddress> t) return t;
        if (v6 instanceof Lookup.Temporary<InetAddress> t) return t;
        return v4;
    }

    /**
     * TXT records (RFC 1035 §3.3.14), each with its character-strings as sent: the octets read as
     * UTF-8 (RFC 6376 §3.6.2.2 and RFC 7208 §3.3 records are ASCII; nothing is escaped, unlike
     * dnsjava's {@code getStrings()}, which writes {@code \"}, {@code \\} and {@code \DDD}).
     */
    public Lookup<Txt> txt(String name) {
        return lookup(name, Type.TXT, false, r -> r instanceof TXTRecord t
                ? new Txt(t.getStringsAsByteArrays().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList())
                : null);
    }

    /**
     * TLSA records (RFC 6698 §2), asking for the AD bit: {@link Lookup.Found#authenticated()} says
     * whether the resolver validated them (RFC 7672 §2.2 uses them only then).
     */
    public Lookup<Tlsa> tlsa(String name) {
        return lookup(name, Type.TLSA, true, r -> r instanceof TLSARecord t
                ? new Tlsa(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(), t.getCertificateAssociationData())
                : null);
    }

    /** SRV records (RFC 2782), e.g. of {@code _submissions._tcp.example.com} (RFC 6186, RFC 8314 §5.1). */
    public Lookup<Srv> srv(String name) {
        return lookup(name, Type.SRV, false, r -> r instanceof SRVRecord s
                ? new Srv(s.getPriority(), s.getWeight(), s.getPort(), host(s.getTarget())) : null);
    }

    /** Names of an address (PTR in in-addr.arpa / ip6.arpa, RFC 1035 §3.5, RFC 3596 §2.5). */
    public Lookup<String> ptr(InetAddress address) {
        return lookup(ReverseMap.fromAddress(address), Type.PTR, false, r -> r instanceof PTRRecord p ? host(p.getTarget()) : null);
    }

    private <T> Lookup<T> lookup(String name, int type, boolean ad, Function<Record, T> typed) {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Lookup.NoSuchDomain<>(); // not a name: nothing can exist under it
        }
        return lookup(n, type, ad, typed);
    }

    private <T> Lookup<T> lookup(Name name, int type, boolean ad, Function<Record, T> typed) {
        Key key = new Key(name, type, ad);
        Raw raw = cache.get(key);
        if (raw == null) {
            Timed t = ask(name, type, ad);
            raw = t.raw();
            if (t.ttl() != null) cache.put(key, raw, t.ttl());
        }
        return switch (raw) {
            case Raw.Fail f -> new Lookup.Temporary<>(f.reason());
            case Raw.NxDomain x -> new Lookup.NoSuchDomain<>();
            case Raw.NoData x -> new Lookup.NoRecords<>();
            case Raw.Records r -> {
                List<T> out = new ArrayList<>();
                for (Record x : r.records()) {
                    T t = typed.apply(x);
                    if (t != null) out.add(t);
                }
                yield out.isEmpty() ? new Lookup.NoRecords<>() : new Lookup.Found<>(out, ad && r.ad());
            }
        };
    }

    /** A raw answer and how long it may be kept (null: not at all). */
    private record Timed(Raw raw, Duration ttl) { }

    private Timed ask(Name name, int type, boolean ad) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (ad) query.getHeader().setFlag(Flags.AD); // RFC 6840 §5.7: ask a validating resolver to report
        String problem = "no DNS server";
        for (int i = 0; i < servers.size(); i++) {
            String where = serverNames.get(i);
            try {
                Message response = servers.get(i).send(query);
                int rcode = response.getRcode();
                if (rcode == Rcode.NXDOMAIN) return new Timed(new Raw.NxDomain(), negativeTtl(response));
                if (rcode != Rcode.NOERROR) {
                    problem = Rcode.string(rcode) + " from " + where;
                    continue;
                }
                List<Record> records = response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
                if (records.isEmpty()) return new Timed(new Raw.NoData(), negativeTtl(response));
                // RFC 2181 §5.2: the records of one RRset share a TTL; CNAMEs on the way count too
                long ttl = response.getSection(Section.ANSWER).stream().mapToLong(Record::getTTL).min().orElse(0);
                return new Timed(new Raw.Records(records, response.getHeader().getFlag(Flags.AD)), capped(ttl));
            } catch (IOException e) {
                problem = (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + " (" + where + ")";
            }
        }
        return new Timed(new Raw.Fail(problem), null);
    }

    /** RFC 2308 §5: min(SOA TTL, SOA MINIMUM) of the authority section's SOA; no SOA, no caching. */
    private static Duration negativeTtl(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) return capped(Math.min(soa.getTTL(), soa.getMinimum()));
        }
        return null;
    }

    private static Duration capped(long seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        return d.compareTo(MAX_TTL) > 0 ? MAX_TTL : d;
    }

    private static String host(Name n) {
        String s = n.toString().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
