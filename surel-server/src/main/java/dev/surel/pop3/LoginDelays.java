package dev.surel.pop3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 2449 §6.5 LOGIN-DELAY: the least time between two logins of a user, measured on the
 * injected clock. Remembered in memory only (a restart forgets: the delay is a courtesy to
 * the server, not a security property).
 */
final class LoginDelays {
    private final Duration delay;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Instant> last = new ConcurrentHashMap<>();

    LoginDelays(Duration delay, Clock clock) {
        this.delay = delay;
        this.clock = clock;
    }

    boolean enabled() {
        return delay.isPositive();
    }

    Duration delay() {
        return delay;
    }

    /** Records a login now unless the last one was less than the delay ago; then the time left. */
    Optional<Duration> tryLogin(long accountId) {
        if (!enabled()) return Optional.empty();
        Instant now = clock.instant();
        Instant[] refusedSince = new Instant[1];
        last.compute(accountId, (id, prev) -> {
            if (prev != null && Duration.between(prev, now).compareTo(delay) < 0) {
                refusedSince[0] = prev;
                return prev;
            }
            return now;
        });
        if (refusedSince[0] == null) return Optional.empty();
        return Optional.of(delay.minus(Duration.between(refusedSince[0], now)));
    }
}
