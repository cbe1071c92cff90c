package dev.surel.mailauth;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Mx;
import dev.surel.dns.Srv;
import dev.surel.dns.Txt;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Looks up what a domain publishes and judges it against {@link DomainRecords} ({@code surel dns
 * DOMAIN --check}). A published record need not be the printed one word for word: an SPF, DMARC
 * or TLS-RPT record of the operator's own making is fine as long as it is valid; an MX, SRV or
 * DKIM record must name this server, its ports and its keys.
 */
public final class DomainRecordCheck {

    /** The verdict on one record. */
    public enum Status {
        /** Published and right. */
        OK,
        /** Published, valid, but not the suggested one: worth a look, not an error. */
        NOTE,
        /** Not published. */
        MISSING,
        /** Published and wrong. */
        WRONG,
        /** The lookup failed (SERVFAIL, timeout): nothing can be said. */
        UNKNOWN
    }

    /** One record's verdict, with what was found. */
    public record Finding(PublishedRecord record, Status status, String detail) {
    }

    private final DnsResolver dns;

    public DomainRecordCheck(DnsResolver dns) {
        this.dns = dns;
    }

    public List<Finding> check(DomainRecords domain) {
        List<Finding> out = new ArrayList<>();
        for (PublishedRecord r : domain.records()) out.add(check(domain, r));
        return out;
    }

    private Finding check(DomainRecords d, PublishedRecord r) {
        return switch (r.kind()) {
            case HOST_ADDRESS -> hostAddresses(r);
            case MX -> mx(d, r);
            case SPF, HELO_SPF -> tagged(r, "v=spf1", true, "SPF (RFC 7208 §4.5: more than one is a permerror)");
            case DKIM -> dkim(r);
            case DMARC -> tagged(r, "v=DMARC1", false, "DMARC");
            case MTA_STS -> tagged(r, "v=STSv1", false, "MTA-STS");
            case TLS_RPT -> tagged(r, "v=TLSRPTv1", false, "TLS-RPT");
            case SRV -> srv(d, r);
            case MTA_STS_HOST, CLIENT_CONFIG -> sameAddresses(d, r);
        };
    }

    /** The host name has addresses, and each address's PTR names the host (forward-confirmed reverse DNS). */
    private Finding hostAddresses(PublishedRecord r) {
        Lookup<InetAddress> a = dns.addresses(r.name());
        if (a instanceof Lookup.Temporary<InetAddress> t) return new Finding(r, Status.UNKNOWN, t.reason());
        if (a.records().isEmpty()) return new Finding(r, Status.MISSING, r.name() + " has no A or AAAA record");
        List<String> problems = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (InetAddress ip : a.records()) {
            addresses.add(ip.getHostAddress());
            Lookup<String> ptr = dns.ptr(ip);
            if (ptr instanceof Lookup.Temporary<String> t) {
                problems.add("PTR of " + ip.getHostAddress() + ": " + t.reason());
            } else if (!ptr.records().contains(r.name())) {
                problems.add("PTR of " + ip.getHostAddress() + " is " + (ptr.records().isEmpty() ? "missing" : ptr.records())
                        + ", should be " + r.name() + " (receivers distrust mail from addresses without it)");
            }
        }
        return problems.isEmpty() ? new Finding(r, Status.OK, String.join(", ", addresses))
                : new Finding(r, Status.WRONG, String.join("; ", problems));
    }

    private Finding mx(DomainRecords d, PublishedRecord r) {
        Lookup<Mx> mx = dns.mx(r.name());
        if (mx instanceof Lookup.Temporary<Mx> t) return new Finding(r, Status.UNKNOWN, t.reason());
        if (mx.records().isEmpty()) return new Finding(r, Status.MISSING, "no MX record");
        List<String> hosts = mx.records().stream().map(m -> m.preference() + " " + (m.isNull() ? "." : m.host())).toList();
        boolean ours = mx.records().stream().anyMatch(m -> m.host().equals(d.hostname()));
        return ours ? new Finding(r, Status.OK, String.join(", ", hosts))
                : new Finding(r, Status.WRONG, "MX names " + hosts + ", not " + d.hostname());
    }

    /**
     * A TXT record starting with {@code tag}: missing, several (wrong when {@code single}), the
     * suggested one (OK) or another (NOTE).
     */
    private Finding tagged(PublishedRecord r, String tag, boolean single, String what) {
        Lookup<Txt> txt = dns.txt(r.name());
        if (txt instanceof Lookup.Temporary<Txt> t) return new Finding(r, Status.UNKNOWN, t.reason());
        List<String> found = txt.records().stream().map(Txt::text).filter(s -> startsWithTag(s, tag)).toList();
        if (found.isEmpty()) return new Finding(r, Status.MISSING, "no " + what + " record");
        if (found.size() > 1) {
            return new Finding(r, single ? Status.WRONG : Status.NOTE, found.size() + " " + what + " records: " + found);
        }
        String text = found.getFirst();
        return normalized(text).equals(normalized(r.value())) ? new Finding(r, Status.OK, text)
                : new Finding(r, Status.NOTE, "published: " + text);
    }

    private Finding dkim(PublishedRecord r) {
        Lookup<Txt> txt = dns.txt(r.name());
        if (txt instanceof Lookup.Temporary<Txt> t) return new Finding(r, Status.UNKNOWN, t.reason());
        if (txt.records().isEmpty()) return new Finding(r, Status.MISSING, "no DKIM key record");
        String want = tagValue(r.value(), "p");
        for (Txt t : txt.records()) {
            if (want != null && want.equals(tagValue(t.text(), "p"))) return new Finding(r, Status.OK, "key matches");
        }
        return new Finding(r, Status.WRONG, "published key differs from this server's: " + txt.records().getFirst().text());
    }

    private Finding srv(DomainRecords d, PublishedRecord r) {
        Lookup<Srv> srv = dns.srv(r.name());
        if (srv instanceof Lookup.Temporary<Srv> t) return new Finding(r, Status.UNKNOWN, t.reason());
        boolean offered = !r.value().endsWith(" .");
        if (srv.records().isEmpty()) {
            return offered ? new Finding(r, Status.MISSING, "no SRV record") : new Finding(r, Status.OK, "not published");
        }
        int port = Integer.parseInt(r.value().split(" ")[2]);
        List<String> found = srv.records().stream().map(s -> s.port() + " " + (s.notOffered() ? "." : s.target())).toList();
        boolean right = offered
                ? srv.records().stream().anyMatch(s -> s.target().equals(d.hostname()) && s.port() == port)
                : srv.records().stream().allMatch(Srv::notOffered);
        return right ? new Finding(r, Status.OK, String.join(", ", found))
                : new Finding(r, Status.WRONG, "SRV says " + found + ", should be " + r.value());
    }

    /** A name that must lead to this server (CNAME or the same addresses). */
    private Finding sameAddresses(DomainRecords d, PublishedRecord r) {
        Lookup<InetAddress> name = dns.addresses(r.name());
        if (name instanceof Lookup.Temporary<InetAddress> t) return new Finding(r, Status.UNKNOWN, t.reason());
        if (name.records().isEmpty()) return new Finding(r, Status.MISSING, r.name() + " does not resolve");
        Set<InetAddress> host = new HashSet<>(dns.addresses(d.hostname()).records());
        boolean same = name.records().stream().anyMatch(host::contains);
        return same ? new Finding(r, Status.OK, "resolves to this server")
                : new Finding(r, Status.WRONG, r.name() + " resolves to " + name.records().stream().map(InetAddress::getHostAddress).toList()
                        + ", not to " + d.hostname());
    }

    private static boolean startsWithTag(String text, String tag) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String g = tag.toLowerCase(Locale.ROOT);
        return t.equals(g) || t.startsWith(g + " ") || t.startsWith(g + ";");
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").replaceAll(" ?; ?", ";").strip().toLowerCase(Locale.ROOT);
    }

    /** The value of tag {@code name} in a tag list ({@code k=v; k=v}, RFC 6376 §3.2), whitespace removed; null if absent. */
    static String tagValue(String text, String name) {
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) return part.substring(eq + 1).replaceAll("\\s+", "");
        }
        return null;
    }
}
