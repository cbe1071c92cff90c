package dev.surel.dns;

import dev.surel.net.HostPort;
import java.time.Duration;
import java.util.List;

/**
 * The {@code [dns]} settings.
 *
 * @param servers   recursive DNS servers asked in order ({@code dns.resolver}, alias {@code queue.resolver});
 *                  empty = the system's ({@code /etc/resolv.conf})
 * @param timeout   one query to one server ({@code dns.timeout}, alias {@code queue.dns_timeout})
 * @param cacheSize most answers cached ({@code dns.cache_size}); 0 = no cache
 */
public record DnsSettings(List<HostPort> servers, Duration timeout, int cacheSize) {
    public DnsSettings {
        servers = List.copyOf(servers);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("dns timeout must be > 0");
        if (cacheSize < 0) throw new IllegalArgumentException("cache_size " + cacheSize);
    }

    public static DnsSettings defaults() {
        return new DnsSettings(List.of(), Duration.ofSeconds(10), DnsResolver.DEFAULT_CACHE_SIZE);
    }
}
