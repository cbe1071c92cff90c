package dev.surel.mailauth;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Mx;
import dev.surel.dns.Txt;
import dev.surel.protocol.spf.SpfDns;
import dev.surel.protocol.spf.SpfLookup;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/**
 * The SPF evaluator's DNS over the server's {@link DnsResolver}: NXDOMAIN and NODATA become void
 * lookups (RFC 7208 §4.6.4), a timeout or SERVFAIL a temporary failure (§4.4, §5); the strings of
 * one TXT record are joined without separator (§3.3).
 */
final class ResolverSpfDns implements SpfDns {

    private final DnsResolver dns;

    ResolverSpfDns(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public SpfLookup<String> txt(String name) {
        return typed(dns.txt(name), Txt::text);
    }

    @Override
    public SpfLookup<InetAddress> a(String name) {
        return typed(dns.a(name), Function.identity());
    }

    @Override
    public SpfLookup<InetAddress> aaaa(String name) {
        return typed(dns.aaaa(name), Function.identity());
    }

    @Override
    public SpfLookup<String> mx(String name) {
        return typed(dns.mx(name), Mx::host);
    }

    @Override
    public SpfLookup<String> ptr(InetAddress ip) {
        return typed(dns.ptr(ip), Function.identity());
    }

    private static <T, U> SpfLookup<U> typed(Lookup<T> l, Function<T, U> f) {
        return switch (l) {
            case Lookup.Found<T> x -> {
                List<U> out = x.records().stream().map(f).toList();
                yield new SpfLookup.Found<>(out);
            }
            case Lookup.NoSuchDomain<T> x -> new SpfLookup.Void<>(true);
            case Lookup.NoRecords<T> x -> new SpfLookup.Void<>(false);
            case Lookup.Temporary<T> x -> new SpfLookup.Temporary<>(x.reason());
        };
    }
}
