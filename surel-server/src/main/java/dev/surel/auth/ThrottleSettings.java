package dev.surel.auth;

import java.time.Duration;

/**
 * Settings of the {@link LoginThrottle}. TOML section {@code [auth.throttle]}:
 * <ul>
 *   <li>{@code base_delay} (duration, default "1s"): delay after the first recent failure; it
 *       doubles with each further failure.</li>
 *   <li>{@code max_delay} (duration, default "16s"): cap of that delay.</li>
 *   <li>{@code failure_window} (duration, default "15m"): a key's failures are forgotten this
 *       long after its last failure.</li>
 *   <li>{@code ip_refusal_threshold} (integer, default 30): failures from one IP (IPv6: one /64)
 *       after which that IP is refused for {@code refusal_duration}.</li>
 *   <li>{@code account_ip_refusal_threshold} (integer, default 10): failures for one account
 *       from one IP after which that pair is refused.</li>
 *   <li>{@code refusal_duration} (duration, default "15m"): how long a refusal lasts after the
 *       last failure.</li>
 *   <li>{@code max_tracked_keys} (integer, default 100000): memory bound; beyond it the least
 *       recently used keys are forgotten.</li>
 * </ul>
 */
public record ThrottleSettings(Duration baseDelay, Duration maxDelay, Duration failureWindow,
                               int ipRefusalThreshold, int accountIpRefusalThreshold,
                               Duration refusalDuration, int maxTrackedKeys) {
    public ThrottleSettings {
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) throw new IllegalArgumentException("need 0 <= base_delay <= max_delay");
        if (!failureWindow.isPositive() || refusalDuration.isNegative()) throw new IllegalArgumentException("failure_window must be positive");
        if (ipRefusalThreshold < 1 || accountIpRefusalThreshold < 1) throw new IllegalArgumentException("refusal thresholds must be >= 1");
        if (maxTrackedKeys < 3) throw new IllegalArgumentException("max_tracked_keys must be >= 3");
    }

    public static ThrottleSettings defaults() {
        return new ThrottleSettings(Duration.ofSeconds(1), Duration.ofSeconds(16), Duration.ofMinutes(15),
                30, 10, Duration.ofMinutes(15), 100_000);
    }
}
