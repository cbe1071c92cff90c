package dev.surel.mailauth;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Txt;
import dev.surel.protocol.dmarc.DmarcLookup;

/**
 * DMARC policy records from DNS: the TXT records at {@code _dmarc.<domain>} (RFC 7489 §6.1).
 * NXDOMAIN or no TXT: no record; SERVFAIL, timeout: temporary (temperror).
 */
public record DnsDmarcLookup(DnsResolver dns) implements DmarcLookup {

    @Override
    public Answer lookup(String domain) {
        return switch (dns.txt("_dmarc." + domain)) {
            case Lookup.Found<Txt> f -> new Records(f.records().stream().map(Txt::text).toList());
            case Lookup.NoSuchDomain<Txt> n -> new NoRecord();
            case Lookup.NoRecords<Txt> n -> new NoRecord();
            case Lookup.Temporary<Txt> t -> new Temporary(t.reason());
        };
    }
}
