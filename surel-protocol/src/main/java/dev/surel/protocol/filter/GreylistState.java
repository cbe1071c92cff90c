package dev.surel.protocol.filter;

import java.time.Duration;
import java.time.Instant;

/**
 * What greylisting knows of one {@link GreylistTriplet}, and the decision for a new attempt
 * (RFC 6647 §2, §4; the behaviour of Postgrey): the first attempt is deferred; a retry before
 * {@code delay} has passed since the first attempt is deferred again; a retry after it passes, and
 * the triplet passes from then on as long as mail keeps coming within {@code expiry} of the last;
 * a triplet not retried within {@code retryWindow} of its first attempt starts over.
 *
 * @param firstSeen the first attempt of the current round
 * @param lastSeen  the latest attempt
 * @param passedAt  when the triplet first passed, or null while it is still greylisted
 */
public record GreylistState(Instant firstSeen, Instant lastSeen, Instant passedAt) {

    /** The rules' times: the least wait, how long a first attempt is remembered, how long a passed triplet is. */
    public record Timing(Duration delay, Duration retryWindow, Duration expiry) {
        public Timing {
            if (delay.isNegative() || retryWindow.compareTo(delay) <= 0 || expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("greylisting needs 0 <= delay < retry_window and expiry > 0");
            }
        }
    }

    /** The decision for one attempt and the state to store after it. */
    public sealed interface Decision {
        GreylistState next();

        /** Accepted; {@code firstPass} when this attempt ended the triplet's greylisting. */
        record Pass(GreylistState next, boolean firstPass) implements Decision {
        }

        /** Deferred (451 4.7.1): {@code retryIn} is the time left before a retry passes. */
        record Defer(GreylistState next, Duration retryIn) implements Decision {
        }
    }

    public boolean passed() {
        return passedAt != null;
    }

    /** True when the row is of no more use at {@code now} and may be deleted. */
    public boolean expired(Instant now, Timing t) {
        return passed() ? now.isAfter(lastSeen.plus(t.expiry())) : now.isAfter(firstSeen.plus(t.retryWindow()));
    }

    /** The decision for an attempt at {@code now} given what is stored ({@code stored} null: never seen). */
    public static Decision decide(GreylistState stored, Instant now, Timing t) {
        if (stored == null || stored.expired(now, t)) return fresh(now, t);
        if (stored.passed()) return new Decision.Pass(new GreylistState(stored.firstSeen, now, stored.passedAt), false);
        Duration waited = Duration.between(stored.firstSeen, now);
        if (waited.compareTo(t.delay()) < 0) {
            Duration left = t.delay().minus(waited);
            // a clock set back makes "left" larger than the delay: never ask for more than the delay
            return new Decision.Defer(new GreylistState(stored.firstSeen, now, null), left.compareTo(t.delay()) > 0 ? t.delay() : left);
        }
        return new Decision.Pass(new GreylistState(stored.firstSeen, now, now), true);
    }

    private static Decision fresh(Instant now, Timing t) {
        GreylistState s = new GreylistState(now, now, null);
        return t.delay().isZero() ? new Decision.Pass(new GreylistState(now, now, now), true) : new Decision.Defer(s, t.delay());
    }
}
