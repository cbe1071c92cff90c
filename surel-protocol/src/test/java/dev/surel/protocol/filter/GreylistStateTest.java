package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The greylisting decision for one attempt (RFC 6647 §2, §4; Postgrey's rules) as a table over time. */
class GreylistStateTest {
    static final GreylistState.Timing T = new GreylistState.Timing(Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofDays(35));
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    static Instant at(Duration d) {
        return T0.plus(d);
    }

    @Test
    void theFirstAttemptIsDeferredForTheDelay() {
        GreylistState.Decision d = GreylistState.decide(null, T0, T);
        assertThat(d).isEqualTo(new GreylistState.Decision.Defer(new GreylistState(T0, T0, null), Duration.ofMinutes(5)));
    }

    @Test
    void aRetryBeforeTheDelayIsDeferredWithTheTimeLeftAndKeepsTheFirstAttempt() {
        GreylistState first = GreylistState.decide(null, T0, T).next();
        GreylistState.Decision d = GreylistState.decide(first, at(Duration.ofMinutes(2)), T);
        assertThat(d).isEqualTo(new GreylistState.Decision.Defer(new GreylistState(T0, at(Duration.ofMinutes(2)), null), Duration.ofMinutes(3)));
        // retrying often does not move the first attempt: a retry after 5 minutes from the first passes
        GreylistState.Decision again = GreylistState.decide(d.next(), at(Duration.ofMinutes(4)), T);
        assertThat(again).isInstanceOf(GreylistState.Decision.Defer.class);
        assertThat(GreylistState.decide(again.next(), at(Duration.ofMinutes(5)), T))
                .isEqualTo(new GreylistState.Decision.Pass(new GreylistState(T0, at(Duration.ofMinutes(5)), at(Duration.ofMinutes(5))), true));
    }

    @Test
    void aPassedTripletKeepsPassingWhileMailKeepsComing() {
        GreylistState passed = new GreylistState(T0, at(Duration.ofMinutes(10)), at(Duration.ofMinutes(10)));
        GreylistState.Decision d = GreylistState.decide(passed, at(Duration.ofDays(30)), T);
        assertThat(d).isEqualTo(new GreylistState.Decision.Pass(new GreylistState(T0, at(Duration.ofDays(30)), at(Duration.ofMinutes(10))), false));
        // 35 days after the last mail: still (the bound is inclusive); a day later it is forgotten
        assertThat(GreylistState.decide(d.next(), at(Duration.ofDays(65)), T)).isInstanceOf(GreylistState.Decision.Pass.class);
        assertThat(GreylistState.decide(d.next(), at(Duration.ofDays(66)), T))
                .isEqualTo(new GreylistState.Decision.Defer(new GreylistState(at(Duration.ofDays(66)), at(Duration.ofDays(66)), null),
                        Duration.ofMinutes(5)));
    }

    @Test
    void aRetryAfterTheRetryWindowStartsOver() {
        GreylistState first = GreylistState.decide(null, T0, T).next();
        Instant late = at(Duration.ofHours(24).plusSeconds(1));
        assertThat(GreylistState.decide(first, late, T))
                .isEqualTo(new GreylistState.Decision.Defer(new GreylistState(late, late, null), Duration.ofMinutes(5)));
        assertThat(GreylistState.decide(first, at(Duration.ofHours(24)), T)).isInstanceOf(GreylistState.Decision.Pass.class);
    }

    @Test
    void aClockSetBackNeverAsksForMoreThanTheDelay() {
        GreylistState first = GreylistState.decide(null, T0, T).next();
        GreylistState.Decision d = GreylistState.decide(first, T0.minus(Duration.ofHours(1)), T);
        assertThat(d).isInstanceOf(GreylistState.Decision.Defer.class);
        assertThat(((GreylistState.Decision.Defer) d).retryIn()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void expiryOfRows() {
        GreylistState pending = new GreylistState(T0, T0, null);
        assertThat(pending.expired(at(Duration.ofHours(24)), T)).isFalse();
        assertThat(pending.expired(at(Duration.ofHours(25)), T)).isTrue();
        GreylistState passed = new GreylistState(T0, at(Duration.ofDays(1)), at(Duration.ofMinutes(5)));
        assertThat(passed.expired(at(Duration.ofDays(36)), T)).isFalse();
        assertThat(passed.expired(at(Duration.ofDays(37)), T)).isTrue();
    }

    @Test
    void timingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new GreylistState.Timing(Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GreylistState.Timing(Duration.ofMinutes(-1), Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GreylistState.Timing(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
