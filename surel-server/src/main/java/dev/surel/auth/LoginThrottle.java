package dev.surel.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Slows down and temporarily refuses failed logins.
 *
 * <p>Three kinds of key are tracked: the client IP (an IPv6 client by its /64, since one host
 * commonly owns a whole /64), the account (the login as typed, lower-case, known or not) and
 * the pair (account, IP). Each key holds its number of recent failures and the instant of the
 * last one; it is forgotten {@code max(failure_window, refusal_duration)} after that.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Delay: with {@code f} recent failures a key asks for {@code min(max_delay,
 *       base_delay × 2^(f−1))} (0, 1s, 2s, 4s … capped); {@link #check} returns the largest
 *       delay of the attempt's keys.</li>
 *   <li>Refusal: an IP with {@code ip_refusal_threshold} failures, or a pair with
 *       {@code account_ip_refusal_threshold}, is refused until {@code refusal_duration} after
 *       its last failure. An account alone is never refused, only slowed down, so nobody can
 *       lock a user out from elsewhere.</li>
 *   <li>A success clears the pair (account, IP) only: the IP and the account keep their
 *       history until it expires.</li>
 *   <li>Memory is bounded: at most {@code max_tracked_keys} keys; beyond that the least
 *       recently used is evicted.</li>
 *   <li>Time comes only from the injected {@link Clock}; nothing here sleeps.</li>
 * </ul>
 * Thread-safe (one lock; every operation is a few map lookups).
 */
public final class LoginThrottle {
    private sealed interface Key { }
    private record IpKey(String ip) implements Key { }
    private record AccountKey(String account) implements Key { }
    private record PairKey(String account, String ip) implements Key { }

    private static final class Failures {
        int failures;
        Instant last;
    }

    private final ThrottleSettings settings;
    private final Clock clock;
    private final Duration lifetime;
    private final LinkedHashMap<Key, Failures> entries;

    public LoginThrottle(ThrottleSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.lifetime = settings.failureWindow().compareTo(settings.refusalDuration()) >= 0
                ? settings.failureWindow() : settings.refusalDuration();
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Failures> eldest) {
                return size() > settings.maxTrackedKeys();
            }
        };
    }

    /**
     * Decides about an attempt from {@code ip} for {@code account} ({@code null} when the
     * login is not known yet, e.g. before the SASL exchange): refuse, or allow after a delay.
     */
    public synchronized Decision check(InetAddress ip, String account) {
        Instant now = clock.instant();
        String ipKey = ipKey(ip);
        Failures byIp = live(new IpKey(ipKey), now);
        Failures byAccount = account == null ? null : live(new AccountKey(norm(account)), now);
        Failures byPair = account == null ? null : live(new PairKey(norm(account), ipKey), now);
        Duration retry = max(refusal(byIp, settings.ipRefusalThreshold(), now),
                refusal(byPair, settings.accountIpRefusalThreshold(), now));
        if (retry.isPositive()) return Decision.refuse(retry);
        return Decision.allow(max(max(delay(byIp), delay(byAccount)), delay(byPair)));
    }

    /** Records a failed verification (wrong password or unknown user). */
    public synchronized void recordFailure(InetAddress ip, String account) {
        Instant now = clock.instant();
        String ipKey = ipKey(ip);
        bump(new IpKey(ipKey), now);
        if (account != null) {
            bump(new AccountKey(norm(account)), now);
            bump(new PairKey(norm(account), ipKey), now);
        }
        purgeExpired(now, 4);
    }

    /** Records a successful login: forgets the (account, IP) pair's failures. */
    public synchronized void recordSuccess(InetAddress ip, String account) {
        if (account != null) entries.remove(new PairKey(norm(account), ipKey(ip)));
    }

    /**
     * Why {@link #check} refuses an attempt from {@code ip} for {@code account} now, for the log:
     * the IP, or the account from that IP; null when it does not refuse.
     */
    public synchronized String refusalReason(InetAddress ip, String account) {
        Instant now = clock.instant();
        String ipKey = ipKey(ip);
        if (refusal(live(new IpKey(ipKey), now), settings.ipRefusalThreshold(), now).isPositive()) {
            return "too many failed logins from this IP";
        }
        if (account != null && refusal(live(new PairKey(norm(account), ipKey), now),
                settings.accountIpRefusalThreshold(), now).isPositive()) {
            return "too many failed logins for this user from this IP";
        }
        return null;
    }

    /**
     * Forgets the failures of an IP (IPv6: its /64) or of an account, so that a refusal of it
     * ends now ({@code surel auth unblock}): for an IP its own key and every (account, IP) pair
     * with it; for an account its own key and every pair with it. Returns how many keys were
     * refused before (0: nothing was refused, though failures may have been forgotten).
     */
    public synchronized int unblock(Target target) {
        Instant now = clock.instant();
        int refused = 0;
        Iterator<Map.Entry<Key, Failures>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Failures> e = it.next();
            boolean match = switch (target) {
                case Target.Ip ip -> switch (e.getKey()) {
                    case IpKey k -> k.ip().equals(ipKey(ip.address()));
                    case PairKey k -> k.ip().equals(ipKey(ip.address()));
                    case AccountKey k -> false;
                };
                case Target.Account a -> switch (e.getKey()) {
                    case AccountKey k -> k.account().equals(norm(a.login()));
                    case PairKey k -> k.account().equals(norm(a.login()));
                    case IpKey k -> false;
                };
            };
            if (!match) continue;
            int threshold = switch (e.getKey()) {
                case IpKey k -> settings.ipRefusalThreshold();
                case PairKey k -> settings.accountIpRefusalThreshold();
                case AccountKey k -> Integer.MAX_VALUE;
            };
            if (!expired(e.getValue(), now) && refusal(e.getValue(), threshold, now).isPositive()) refused++;
            it.remove();
        }
        return refused;
    }

    /** What {@link #unblock} forgets: an IP address or an account (the login as clients type it). */
    public sealed interface Target {
        record Ip(InetAddress address) implements Target { }

        record Account(String login) implements Target { }

        /** An IP literal (v4 or v6, never a DNS lookup) is an IP, anything else a login. */
        static Target parse(String text) {
            try {
                return new Ip(InetAddress.ofLiteral(text));
            } catch (IllegalArgumentException e) {
                return new Account(text);
            }
        }
    }

    /** How many keys are tracked now (for tests and metrics). */
    public synchronized int trackedKeys() {
        return entries.size();
    }

    private void bump(Key key, Instant now) {
        Failures e = live(key, now);
        if (e == null) {
            e = new Failures();
            entries.put(key, e);
        }
        e.failures = e.failures == Integer.MAX_VALUE ? e.failures : e.failures + 1;
        e.last = now;
    }

    /** The key's entry if it has not expired (an expired one is dropped). */
    private Failures live(Key key, Instant now) {
        Failures e = entries.get(key);
        if (e != null && expired(e, now)) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private boolean expired(Failures e, Instant now) {
        return !now.isBefore(e.last.plus(lifetime));
    }

    /** Drops up to {@code budget} expired entries from the least recently used end. */
    private void purgeExpired(Instant now, int budget) {
        Iterator<Failures> it = entries.values().iterator();
        while (budget-- > 0 && it.hasNext()) {
            if (expired(it.next(), now)) it.remove();
            else break;
        }
    }

    private Duration delay(Failures e) {
        if (e == null || e.failures == 0) return Duration.ZERO;
        int shift = Math.min(e.failures - 1, 30);
        Duration d = settings.baseDelay().multipliedBy(1L << shift);
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    private Duration refusal(Failures e, int threshold, Instant now) {
        if (e == null || e.failures < threshold) return Duration.ZERO;
        Duration left = Duration.between(now, e.last.plus(settings.refusalDuration()));
        return left.isPositive() ? left : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String norm(String account) {
        return account.toLowerCase(Locale.ROOT);
    }

    /** IPv4: the address; IPv6: its /64 prefix. */
    static String ipKey(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip instanceof Inet6Address) return HexFormat.of().formatHex(b, 0, 8) + "::/64";
        return ip.getHostAddress();
    }
}
