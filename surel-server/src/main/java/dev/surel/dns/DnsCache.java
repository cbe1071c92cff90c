package dev.surel.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers kept until their TTL runs out (RFC 1035 §3.2.1, RFC 2181 §8), negative answers for the
 * SOA-derived time of RFC 2308 §5; at most {@code capacity} entries, the least recently used
 * dropped first. Time is read from the injected clock. Safe for many threads.
 */
final class DnsCache<K, V> {

    private record Item<V>(V value, Instant expires) { }

    private final Clock clock;
    private final int capacity;
    private final LinkedHashMap<K, Item<V>> entries;

    DnsCache(Clock clock, int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("capacity " + capacity);
        this.clock = clock;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Item<V>> eldest) {
                return size() > DnsCache.this.capacity;
            }
        };
    }

    /** The live entry for {@code key}, or null (an expired one is dropped). */
    synchronized V get(K key) {
        Item<V> e = entries.get(key);
        if (e == null) return null;
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key);
            return null;
        }
        return e.value();
    }

    /** Keeps {@code value} for {@code ttl}; a zero TTL is not cached (RFC 1035 §3.2.1). */
    synchronized void put(K key, V value, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative() || capacity == 0) return;
        entries.put(key, new Item<>(value, clock.instant().plus(ttl)));
    }

    synchronized int size() {
        return entries.size();
    }
}
