package dev.surel.mailauth;

import dev.surel.net.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every DNS record a domain hosted on this server needs (what {@code surel dns DOMAIN} prints):
 * the MX, SPF for the domain and for the server's HELO name, the DKIM keys, DMARC, MTA-STS and
 * TLS-RPT, the SRV records mail clients look for, and the names of client autoconfiguration.
 *
 * @param domain   the mail domain
 * @param hostname the server's host name (MX target, HELO name, TLS certificate name)
 * @param ports    the ports the server listens on, per endpoint (absent: not offered)
 * @param dkim     the DKIM keys to publish (active and pending ones)
 */
public record DomainRecords(String domain, String hostname, Map<Endpoint, Integer> ports, List<DkimTxt> dkim) {

    /** A DKIM public key record: {@code <selector>._domainkey.<domain> TXT <text>} (RFC 6376 §3.6.1). */
    public record DkimTxt(String selector, String text, String state) {
    }

    public DomainRecords {
        domain = lower(domain);
        hostname = lower(hostname);
        ports = Map.copyOf(ports);
        dkim = List.copyOf(dkim);
    }

    /** The records, in the order printed. */
    public List<PublishedRecord> records() {
        List<PublishedRecord> r = new ArrayList<>();
        r.add(new PublishedRecord(PublishedRecord.Kind.HOST_ADDRESS, hostname, "A", "<public IPv4 address of this server>",
                "the server's name must resolve (A and/or AAAA), and each address's PTR must name it back"));
        r.add(new PublishedRecord(PublishedRecord.Kind.MX, domain, "MX", "10 " + hostname + ".",
                "mail for " + domain + " goes to this server (RFC 5321 §5.1)"));
        r.add(new PublishedRecord(PublishedRecord.Kind.SPF, domain, "TXT", "v=spf1 mx -all",
                "SPF: only the domain's MX hosts send its mail (RFC 7208)"));
        r.add(new PublishedRecord(PublishedRecord.Kind.HELO_SPF, hostname, "TXT", "v=spf1 a -all",
                "SPF for the HELO name, checked for bounces (RFC 7208 §2.3)"));
        for (DkimTxt k : dkim) {
            r.add(new PublishedRecord(PublishedRecord.Kind.DKIM, k.selector() + "._domainkey." + domain, "TXT", k.text(),
                    "DKIM key " + k.selector() + " (" + k.state() + ", RFC 6376 §3.6.1)"));
        }
        r.add(new PublishedRecord(PublishedRecord.Kind.DMARC, "_dmarc." + domain, "TXT",
                "v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:postmaster@" + domain,
                "DMARC: receivers file failing mail as spam and send daily reports (RFC 7489 §6.3); "
                        + "start with p=none to watch the reports first if other services send mail as " + domain));
        r.add(new PublishedRecord(PublishedRecord.Kind.MTA_STS, "_mta-sts." + domain, "TXT", "v=STSv1; id=" + mtaStsId(),
                "MTA-STS: senders must use TLS; the policy is served at " + mtaStsPolicyUrl() + " (RFC 8461 §3.1)"));
        r.add(new PublishedRecord(PublishedRecord.Kind.MTA_STS_HOST, "mta-sts." + domain, "CNAME", hostname + ".",
                "the HTTPS host of the MTA-STS policy (RFC 8461 §3.3)"));
        r.add(new PublishedRecord(PublishedRecord.Kind.TLS_RPT, "_smtp._tls." + domain, "TXT",
                "v=TLSRPTv1; rua=mailto:postmaster@" + domain, "TLS-RPT: senders report TLS failures daily (RFC 8460 §3)"));
        // RFC 6186 §3 and RFC 8314 §5.1: implicit TLS first (lower priority value); IMAP before POP3
        srv(r, "_submissions._tcp", Endpoint.SUBMISSIONS, 0);
        srv(r, "_submission._tcp", Endpoint.SUBMISSION, 10);
        srv(r, "_imaps._tcp", Endpoint.IMAPS, 0);
        srv(r, "_imap._tcp", Endpoint.IMAP, 10);
        srv(r, "_pop3s._tcp", Endpoint.POP3S, 20);
        srv(r, "_pop3._tcp", Endpoint.POP3, 30);
        Integer sieve = ports.get(Endpoint.MANAGESIEVE);
        if (sieve != null) { // RFC 5804 §1.8; not offered: no record (there is no "." convention for it)
            r.add(new PublishedRecord(PublishedRecord.Kind.SRV, "_sieve._tcp." + domain, "SRV", "0 1 " + sieve + " " + hostname + ".",
                    "ManageSieve: mail clients upload filters and vacation replies (RFC 5804 §1.8)"));
        }
        r.add(new PublishedRecord(PublishedRecord.Kind.CLIENT_CONFIG, "autoconfig." + domain, "CNAME", hostname + ".",
                "Thunderbird's autoconfiguration host"));
        r.add(new PublishedRecord(PublishedRecord.Kind.CLIENT_CONFIG, "autodiscover." + domain, "CNAME", hostname + ".",
                "Outlook's autodiscover host"));
        return r;
    }

    private void srv(List<PublishedRecord> r, String service, Endpoint e, int priority) {
        Integer port = ports.get(e);
        String name = service + "." + domain;
        if (port == null) {
            r.add(new PublishedRecord(PublishedRecord.Kind.SRV, name, "SRV", "0 0 0 .",
                    e.key() + " is not offered (RFC 6186 §4)"));
        } else {
            r.add(new PublishedRecord(PublishedRecord.Kind.SRV, name, "SRV", priority + " 1 " + port + " " + hostname + ".",
                    e.key() + " for mail clients (RFC 6186 §3" + (e.implicitTls() ? ", RFC 8314 §5.1)" : ")")));
        }
    }

    /**
     * The MTA-STS policy text (RFC 8461 §3.2), to be served at {@link #mtaStsPolicyUrl()}. Mode
     * {@code testing}: with a self-signed certificate, {@code enforce} would make senders that
     * honour it refuse to deliver; switch to enforce once the certificate is from a public CA.
     */
    public String mtaStsPolicy() {
        return "version: STSv1\r\nmode: testing\r\nmx: " + hostname + "\r\nmax_age: 604800\r\n";
    }

    public String mtaStsPolicyUrl() {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }

    /**
     * The policy id of the {@code _mta-sts} record (RFC 8461 §3.1: 1-32 alphanumerics, changed
     * whenever the policy changes): derived from the policy text, so it changes exactly then.
     */
    String mtaStsId() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(mtaStsPolicy().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lower(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
