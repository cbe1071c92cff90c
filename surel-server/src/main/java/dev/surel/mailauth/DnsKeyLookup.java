package dev.surel.mailauth;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Txt;
import dev.surel.protocol.dkim.KeyLookup;

/**
 * DKIM key records from DNS: the TXT records at {@code <selector>._domainkey.<domain>} (RFC 6376
 * §3.6.2.1), each with its strings joined (§3.6.2.2). NXDOMAIN or no TXT: no key (§6.1.2
 * PERMFAIL, permerror); SERVFAIL, timeout: temporary (TEMPFAIL, temperror). A selector or domain
 * that makes no DNS name is no key. The resolver's cache and timeouts bound the cost.
 */
public record DnsKeyLookup(DnsResolver dns) implements KeyLookup {

    @Override
    public Answer lookup(String selector, String domain) {
        return switch (dns.txt(selector + "._domainkey." + domain)) {
            case Lookup.Found<Txt> f -> new Records(f.records().stream().map(Txt::text).toList());
            case Lookup.NoSuchDomain<Txt> n -> new NoKey();
            case Lookup.NoRecords<Txt> n -> new NoKey();
            case Lookup.Temporary<Txt> t -> new Temporary(t.reason());
        };
    }
}
