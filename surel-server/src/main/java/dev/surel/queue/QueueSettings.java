package dev.surel.queue;

import java.time.Duration;

/**
 * Queue and outbound delivery settings ({@code [queue]}); {@link dev.surel.config.SurelConfig#queue()}
 * builds it from the configuration.
 *
 * @param lifetime            {@code queue.lifetime}: how long a message is retried before it fails
 *                            with 4.4.7 and a DSN (RFC 5321 §4.5.4.1 suggests 4-5 days)
 * @param retryInitial        {@code queue.retry_initial}: the wait after the first deferral
 * @param retryMax            {@code queue.retry_max}: the wait doubles after each deferral up to this
 * @param maxPerDomain        {@code queue.max_per_domain}: concurrent deliveries to one remote domain
 * @param maxDeliveries       {@code queue.max_deliveries}: concurrent delivery tasks in total (local and remote)
 * @param dsnMaxReturnedBytes {@code queue.dsn_max_returned_size}: a failure DSN returns the whole
 *                            message (RFC 3461 §4.3 RET) only up to this size, else its headers
 * @param delayWarning        {@code queue.delay_warning}: a recipient that asked for NOTIFY=DELAY and is
 *                            still queued this long after arrival gets one "delayed" DSN; zero: never
 */
public record QueueSettings(Duration lifetime, Duration retryInitial, Duration retryMax, int maxPerDomain,
                            int maxDeliveries, long dsnMaxReturnedBytes, Duration delayWarning) {

    public QueueSettings {
        if (lifetime.isNegative() || lifetime.isZero()) throw new IllegalArgumentException("lifetime must be positive");
        if (retryInitial.isNegative() || retryInitial.isZero()) throw new IllegalArgumentException("retry_initial must be positive");
        if (retryMax.compareTo(retryInitial) < 0) throw new IllegalArgumentException("retry_max must be at least retry_initial");
        if (maxPerDomain < 1 || maxDeliveries < 1) throw new IllegalArgumentException("concurrency limits must be at least 1");
        if (delayWarning.isNegative()) throw new IllegalArgumentException("delay_warning must not be negative");
    }

    public static QueueSettings defaults() {
        return new QueueSettings(Duration.ofDays(5), Duration.ofMinutes(1), Duration.ofHours(1), 10, 100, 10L * 1024 * 1024, Duration.ofHours(4));
    }

    /** The wait after the {@code attempts}-th deferral (1-based): retryInitial doubled per earlier attempt, capped at retryMax. */
    public Duration retryDelay(int attempts) {
        Duration d = retryInitial;
        for (int i = 1; i < attempts && d.compareTo(retryMax) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }
}
