package dev.surel.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts open connections in total and per remote address, and admits a new one only below
 * both limits. An IPv4 address counts alone; an IPv6 address counts with its whole /64 (one
 * subscriber usually holds a /64, so per-address counting would not limit anything).
 *
 * <p>Invariants: counts never go negative; each {@link Permit} releases once, however often
 * it is closed; thread-safe (one lock, held only for a map update).
 */
public final class ConnectionLimiter {
    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    /** The outcome of {@link #tryAcquire}. */
    public sealed interface Admission {
        record Admitted(Permit permit) implements Admission {}
        record Refused(RefusalHandler.Reason reason) implements Admission {}
    }

    /** One admitted connection; closing it frees its place. */
    public final class Permit implements AutoCloseable {
        private final InetAddress key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(InetAddress key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(key);
            }
        }
    }

    public ConnectionLimiter(int maxTotal, int maxPerAddress) {
        if (maxTotal <= 0 || maxPerAddress <= 0) {
            throw new IllegalArgumentException("limits must be > 0");
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    public synchronized Admission tryAcquire(InetAddress remote) {
        InetAddress key = key(remote);
        int n = perAddress.getOrDefault(key, 0);
        if (total >= maxTotal) {
            return new Admission.Refused(RefusalHandler.Reason.TOO_MANY_CONNECTIONS);
        }
        if (n >= maxPerAddress) {
            return new Admission.Refused(RefusalHandler.Reason.TOO_MANY_FROM_ADDRESS);
        }
        perAddress.put(key, n + 1);
        total++;
        return new Admission.Admitted(new Permit(key));
    }

    public synchronized int total() {
        return total;
    }

    public synchronized int count(InetAddress remote) {
        return perAddress.getOrDefault(key(remote), 0);
    }

    private synchronized void release(InetAddress key) {
        perAddress.computeIfPresent(key, (k, v) -> v <= 1 ? null : v - 1);
        total--;
    }

    static InetAddress key(InetAddress a) {
        if (a instanceof Inet6Address && !a.isLoopbackAddress()) {
            byte[] b = a.getAddress();
            for (int i = 8; i < 16; i++) {
                b[i] = 0;
            }
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always valid
            }
        }
        return a;
    }
}
