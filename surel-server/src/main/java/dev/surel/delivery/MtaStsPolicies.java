package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import dev.surel.dns.Txt;
import dev.surel.mailauth.MtaStsCache;
import dev.surel.protocol.mtasts.MtaStsPolicy;
import dev.surel.protocol.mtasts.MtaStsRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTA-STS policies of recipient domains (RFC 8461): discovered through the {@code _mta-sts}
 * TXT record (§3.1), fetched from {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}
 * (§3.3) and cached for their {@code max_age} (§5.1):
 * <ul>
 *   <li>the TXT id equals the cached policy's: the cached policy (no fetch);</li>
 *   <li>another id, or nothing cached: fetch; a failed fetch falls back to an unexpired cached policy;</li>
 *   <li>no TXT record, or DNS failing: an unexpired cached policy still applies (§5.1: its
 *       removal is no signal; a policy is withdrawn with {@code mode: none}).</li>
 * </ul>
 * The cache lives in memory, at most {@value #MAX_CACHED} domains, least recently used dropped,
 * in front of a durable copy ({@link PolicyStore}, the database) that outlives a restart
 * (§10.3). A store that cannot be read or written costs the durability, never the delivery
 * (logged). Safe for concurrent use.
 */
final class MtaStsPolicies {

    private static final Logger log = LoggerFactory.getLogger(MtaStsPolicies.class);
    static final int MAX_CACHED = 10_000;
    static final String PATH = "/.well-known/mta-sts.txt";

    private record Cached(String id, MtaStsPolicy policy, Instant expires) { }

    /** Where policies outlive a restart: the policy text as fetched, with its id and expiry. */
    interface PolicyStore {
        /** Keeps nothing. */
        PolicyStore NONE = new PolicyStore() {
            @Override
            public Optional<MtaStsCache.Entry> get(String domain) {
                return Optional.empty();
            }

            @Override
            public void put(String domain, MtaStsCache.Entry entry) {
            }
        };

        Optional<MtaStsCache.Entry> get(String domain);

        void put(String domain, MtaStsCache.Entry entry);

        static PolicyStore of(MtaStsCache cache) {
            return cache == null ? NONE : new PolicyStore() {
                @Override
                public Optional<MtaStsCache.Entry> get(String domain) {
                    return cache.get(domain);
                }

                @Override
                public void put(String domain, MtaStsCache.Entry entry) {
                    cache.put(domain, entry);
                }
            };
        }
    }

    private final DnsResolver dns;
    private final HttpsFetch https;
    private final Clock clock;
    private final Duration timeout;
    private final PolicyStore store;
    private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    };

    MtaStsPolicies(DnsResolver dns, HttpsFetch https, Clock clock, Duration timeout, PolicyStore store) {
        this.dns = dns;
        this.https = https;
        this.clock = clock;
        this.timeout = timeout;
        this.store = store;
    }

    /** The cached policy of {@code domain}: memory first, then the durable store (a restart). */
    private Cached cached(String domain) {
        Cached c;
        synchronized (cache) {
            c = cache.get(domain);
        }
        if (c != null) return c;
        try {
            Optional<MtaStsCache.Entry> e = store.get(domain);
            if (e.isEmpty()) return null;
            Optional<MtaStsPolicy> p = MtaStsPolicy.parse(e.get().policy());
            if (p.isEmpty()) return null;
            c = new Cached(e.get().id(), p.get(), e.get().expires());
            synchronized (cache) {
                cache.putIfAbsent(domain, c);
            }
            return c;
        } catch (RuntimeException ex) {
            log.warn("MTA-STS policy of {} could not be read from the store: {}", domain, ex.toString());
            return null;
        }
    }

    /** The policy in force for {@code domain}, if any. */
    Optional<MtaStsPolicy> policy(String domain) {
        Instant now = clock.instant();
        Cached cached = cached(domain);
        if (cached != null && !now.isBefore(cached.expires())) cached = null;
        Lookup<Txt> txt = dns.txt("_mta-sts." + domain);
        Optional<MtaStsRecord> record = MtaStsRecord.select(txt.records().stream().map(Txt::text).toList());
        if (record.isEmpty()) return cached == null ? Optional.empty() : Optional.of(cached.policy());
        if (cached != null && cached.id().equals(record.get().id())) return Optional.of(cached.policy());
        try {
            String text = https.get("mta-sts." + domain, PATH, MtaStsPolicy.MAX_SIZE, timeout);
            Optional<MtaStsPolicy> policy = MtaStsPolicy.parse(text);
            if (policy.isEmpty()) throw new IOException("the policy is not valid (RFC 8461 §3.2)");
            Instant expires = now.plus(policy.get().maxAge());
            synchronized (cache) {
                cache.put(domain, new Cached(record.get().id(), policy.get(), expires));
            }
            try {
                store.put(domain, new MtaStsCache.Entry(record.get().id(), text, expires));
            } catch (RuntimeException ex) {
                log.warn("MTA-STS policy of {} not kept in the store: {}", domain, ex.toString());
            }
            log.info("MTA-STS policy of {} (id {}): {}", domain, record.get().id(), policy.get().mode());
            return policy;
        } catch (IOException e) {
            log.warn("MTA-STS policy of {} could not be fetched: {}{}", domain, e.getMessage(),
                    cached != null ? "; the cached one applies" : "");
            return cached == null ? Optional.empty() : Optional.of(cached.policy());
        }
    }
}
