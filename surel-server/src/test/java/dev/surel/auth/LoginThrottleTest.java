package dev.surel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.time.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    static ThrottleSettings settings(int ipThreshold, int pairThreshold, int maxKeys) {
        return new ThrottleSettings(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15),
                ipThreshold, pairThreshold, Duration.ofMinutes(10), maxKeys);
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Decision allow(long seconds) {
        return Decision.allow(Duration.ofSeconds(seconds));
    }

    final InetAddress a = ip("192.0.2.1");
    final InetAddress b = ip("192.0.2.2");

    @Test
    void delaysGrowAndAreCapped() {
        LoginThrottle t = new LoginThrottle(settings(100, 100, 1000), clock);
        assertThat(t.check(a, null)).isEqualTo(allow(0));
        long[] expected = {1, 2, 4, 8, 8, 8};
        for (long e : expected) {
            t.recordFailure(a, null);
            assertThat(t.check(a, null)).isEqualTo(allow(e));
        }
        assertThat(t.check(b, null)).isEqualTo(allow(0));
    }

    @Test
    void ipIsRefusedAfterNFailures() {
        LoginThrottle t = new LoginThrottle(settings(6, 100, 1000), clock);
        for (int i = 0; i < 5; i++) t.recordFailure(a, "user" + i + "@example.com");
        assertThat(t.check(a, null)).isInstanceOf(Decision.Allow.class);
        t.recordFailure(a, "user5@example.com");
        assertThat(t.check(a, null)).isEqualTo(Decision.refuse(Duration.ofMinutes(10)));
        assertThat(t.check(a, "someone-else@example.com")).isInstanceOf(Decision.Refuse.class);
        assertThat(t.check(b, "user0@example.com")).isEqualTo(allow(1)); // the account is only slowed down
        clock.advance(Duration.ofMinutes(4));
        assertThat(t.check(a, null)).isEqualTo(Decision.refuse(Duration.ofMinutes(6)));
        clock.advance(Duration.ofMinutes(6));
        assertThat(t.check(a, null)).isEqualTo(allow(8)); // refusal over, failures still remembered
        clock.advance(Duration.ofMinutes(5));
        assertThat(t.check(a, null)).isEqualTo(allow(0)); // window over: forgotten
    }

    @Test
    void accountIpPairIsRefusedAfterMFailures() {
        LoginThrottle t = new LoginThrottle(settings(100, 3, 1000), clock);
        t.recordFailure(a, "Tim@example.com");
        t.recordFailure(a, "tim@example.com");
        assertThat(t.check(a, "tim@example.com")).isEqualTo(allow(2));
        t.recordFailure(a, "TIM@EXAMPLE.COM");
        assertThat(t.check(a, "tim@example.com")).isEqualTo(Decision.refuse(Duration.ofMinutes(10)));
        assertThat(t.check(a, "ann@example.com")).isEqualTo(allow(4)); // same IP, other account: IP delay only
        assertThat(t.check(b, "tim@example.com")).isEqualTo(allow(4)); // other IP: account delay only
    }

    @Test
    void anAccountAloneIsOnlyEverDelayed() {
        LoginThrottle t = new LoginThrottle(settings(5, 5, 10_000), clock);
        for (int i = 0; i < 500; i++) t.recordFailure(ip("198.51.100." + (i % 100)), "tim@example.com");
        // the attackers' IPs are refused, but the user from a fresh address is only delayed
        assertThat(t.check(ip("198.51.100.7"), "tim@example.com")).isInstanceOf(Decision.Refuse.class);
        assertThat(t.check(ip("203.0.113.9"), "tim@example.com")).isEqualTo(allow(8));
        t.recordSuccess(ip("203.0.113.9"), "tim@example.com");
        assertThat(t.check(ip("203.0.113.9"), "tim@example.com")).isEqualTo(allow(8));
    }

    @Test
    void successClearsTheAccountIpPair() {
        LoginThrottle t = new LoginThrottle(settings(100, 3, 1000), clock);
        t.recordFailure(a, "tim@example.com");
        t.recordFailure(a, "tim@example.com");
        t.recordSuccess(a, "tim@example.com");
        t.recordFailure(a, "tim@example.com");
        t.recordFailure(a, "tim@example.com");
        // 4 failures in total, but only 2 since the success: not refused (threshold 3)
        assertThat(t.check(a, "tim@example.com")).isEqualTo(allow(8));
    }

    @Test
    void memoryIsBounded() {
        LoginThrottle t = new LoginThrottle(settings(100, 100, 50), clock);
        for (int i = 0; i < 2000; i++) {
            t.recordFailure(ip("10.0." + (i / 256) + "." + (i % 256)), "user" + i + "@example.com");
        }
        assertThat(t.trackedKeys()).isLessThanOrEqualTo(50);
        // the most recent attacker is still remembered
        assertThat(t.check(ip("10.0.7.207"), null)).isEqualTo(allow(1));
    }

    @Test
    void expiredEntriesArePurged() {
        LoginThrottle t = new LoginThrottle(settings(100, 100, 1000), clock);
        for (int i = 0; i < 10; i++) t.recordFailure(ip("10.1.0." + i), null);
        assertThat(t.trackedKeys()).isEqualTo(10);
        clock.advance(Duration.ofMinutes(16));
        t.recordFailure(a, null);
        t.recordFailure(a, null);
        t.recordFailure(a, null);
        assertThat(t.trackedKeys()).isEqualTo(1);
    }

    @Test
    void ipv6IsGroupedByPrefix64() {
        LoginThrottle t = new LoginThrottle(settings(2, 100, 1000), clock);
        t.recordFailure(ip("2001:db8:1:2::1"), null);
        t.recordFailure(ip("2001:db8:1:2:ffff::9"), null);
        assertThat(t.check(ip("2001:db8:1:2::77"), null)).isInstanceOf(Decision.Refuse.class);
        assertThat(t.check(ip("2001:db8:1:3::1"), null)).isEqualTo(allow(0));
    }
}
