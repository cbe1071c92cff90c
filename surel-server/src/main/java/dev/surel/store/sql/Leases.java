package dev.surel.store.sql;

import dev.surel.store.SessionLease;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Open session leases per account. Invariant: {@link #oldest} is the opening instant of the
 * oldest lease of the account still open, or null; the garbage collector keeps tombstones
 * expunged at or after it.
 */
final class Leases {
    private final Clock clock;
    private final Map<Long, Map<Lease, Instant>> open = new HashMap<>();

    Leases(Clock clock) {
        this.clock = clock;
    }

    synchronized SessionLease open(long accountId) {
        Lease l = new Lease(accountId, clock.instant());
        open.computeIfAbsent(accountId, k -> new java.util.IdentityHashMap<>()).put(l, l.openedAt);
        return l;
    }

    synchronized Instant oldest(long accountId) {
        Map<Lease, Instant> m = open.get(accountId);
        if (m == null) return null;
        return m.values().stream().min(Instant::compareTo).orElse(null);
    }

    private synchronized void release(Lease l) {
        Map<Lease, Instant> m = open.get(l.accountId);
        if (m == null) return;
        m.remove(l);
        if (m.isEmpty()) open.remove(l.accountId);
    }

    private final class Lease implements SessionLease {
        private final long accountId;
        private final Instant openedAt;

        Lease(long accountId, Instant openedAt) {
            this.accountId = accountId;
            this.openedAt = openedAt;
        }

        @Override public long accountId() { return accountId; }
        @Override public Instant openedAt() { return openedAt; }
        @Override public void close() { release(this); }
    }
}
