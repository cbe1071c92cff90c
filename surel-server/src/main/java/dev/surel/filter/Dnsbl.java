package dev.surel.filter;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.protocol.filter.Contribution;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS blocklists (RFC 5782): the client address is looked up under each configured zone, IPv4
 * as its octets reversed (§2.1, {@code 2.0.0.127.zen.example}), IPv6 as its 32 nibbles reversed
 * (§2.4). An A record in 127.0.0.0/8 means listed (§2.3), except 127.255.255.0/24, which
 * Spamhaus-style lists answer when they refuse the query (an error, not a listing); NXDOMAIN or
 * no A record means not listed (§2.1). A lookup that fails or times out adds nothing.
 *
 * <p>The lookups start when the message's data begins ({@link #start}) and run on virtual threads
 * while the data arrives; {@link Pending#contributions} waits for them at the end.
 */
final class Dnsbl {
    private static final Logger log = LoggerFactory.getLogger(Dnsbl.class);

    private final DnsResolver dns;
    private final List<String> zones;
    private final double points;

    Dnsbl(DnsResolver dns, List<String> zones, double points) {
        this.dns = dns;
        this.zones = zones.stream().map(z -> z.endsWith(".") ? z.substring(0, z.length() - 1) : z).toList();
        this.points = points;
    }

    /** The lookups of one client, started; none without zones (no DNS then). */
    Pending start(InetAddress client) {
        if (zones.isEmpty() || client == null) return new Pending(List.of());
        String reversed = reversed(client);
        List<Asked> asked = new ArrayList<>();
        for (String zone : zones) {
            CompletableFuture<Lookup<InetAddress>> f = new CompletableFuture<>();
            Thread.ofVirtual().name("dnsbl-" + zone).start(() -> {
                try {
                    f.complete(dns.a(reversed + "." + zone));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            asked.add(new Asked(zone, f));
        }
        return new Pending(asked);
    }

    private record Asked(String zone, CompletableFuture<Lookup<InetAddress>> answer) { }

    /** Lookups under way for one message. */
    final class Pending {
        private final List<Asked> asked;

        private Pending(List<Asked> asked) {
            this.asked = asked;
        }

        /** One contribution per zone that lists the client, waiting at most {@code waitMillis} in all. */
        List<Contribution> contributions(long waitMillis) {
            List<Contribution> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            for (Asked a : asked) {
                Lookup<InetAddress> answer;
                try {
                    answer = a.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    log.info("DNSBL {}: no answer ({}), counted as not listed", a.zone(), e.getClass().getSimpleName());
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (listed(answer, a.zone())) out.add(new Contribution("DNSBL_" + Contribution.name(a.zone()), points));
            }
            return out;
        }
    }

    private static boolean listed(Lookup<InetAddress> answer, String zone) {
        if (!(answer instanceof Lookup.Found<InetAddress> found)) {
            if (answer instanceof Lookup.Temporary<InetAddress>) log.info("DNSBL {}: lookup failed for now, counted as not listed", zone);
            return false;
        }
        for (InetAddress a : found.records()) {
            byte[] b = a.getAddress();
            if (b.length != 4 || b[0] != 127) continue; // RFC 5782 §2.3: answers are in 127.0.0.0/8
            if ((b[1] & 0xff) == 255 && (b[2] & 0xff) == 255) {
                log.warn("DNSBL {} answered {}: an error code (query refused?), counted as not listed", zone, a.getHostAddress());
                continue;
            }
            return true;
        }
        return false;
    }

    /** The name's prefix for an address: RFC 5782 §2.1 (IPv4) and §2.4 (IPv6 nibbles). */
    static String reversed(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder s = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) s.append(b[i] & 0xff).append(i > 0 ? "." : "");
            return s.toString();
        }
        for (int i = b.length - 1; i >= 0; i--) {
            s.append(Integer.toHexString(b[i] & 0xf)).append('.').append(Integer.toHexString((b[i] >> 4) & 0xf));
            if (i > 0) s.append('.');
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }
}
