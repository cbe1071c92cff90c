package dev.surel.pop3;

import dev.surel.maildrop.LeavePolicy;
import java.time.Duration;
import java.util.List;

/**
 * POP3 settings ({@code [pop3]}); {@link dev.surel.config.SurelConfig#pop3()} builds them.
 *
 * @param policy         {@code pop3.policy}: leave-on-server policy of users and domains with none of their own (default delete)
 * @param folders        {@code pop3.folders}: mailboxes that make up the maildrop, in this order (default ["INBOX"])
 * @param idleTimeout    {@code pop3.idle_timeout}: inactivity autologout, at least 10 minutes (RFC 1939 §3; default 10m)
 * @param loginDelay     {@code pop3.login_delay}: least time between two logins of a user (RFC 2449 §6.5; 0s = none)
 * @param maxMessages    {@code pop3.max_messages}: most messages one session's maildrop lists (the oldest first; default 100000)
 * @param expireInterval {@code pop3.expire_interval}: how often the keep:N expiry job runs (default 1h; 0s = never)
 */
public record Pop3Settings(LeavePolicy policy, List<String> folders, Duration idleTimeout, Duration loginDelay,
                           int maxMessages, Duration expireInterval) {

    /** RFC 1939 §3: an autologout timer "MUST be of at least 10 minutes' duration". */
    public static final Duration MIN_IDLE = Duration.ofMinutes(10);

    public Pop3Settings {
        folders = List.copyOf(folders);
        if (folders.isEmpty()) throw new IllegalArgumentException("folders must name at least one mailbox");
        if (idleTimeout.compareTo(MIN_IDLE) < 0) throw new IllegalArgumentException("idle_timeout must be at least 10m (RFC 1939 §3)");
        if (loginDelay.isNegative()) throw new IllegalArgumentException("login_delay must be >= 0s");
        if (maxMessages < 1) throw new IllegalArgumentException("max_messages must be >= 1");
    }

    public static Pop3Settings defaults() {
        return new Pop3Settings(new LeavePolicy.Delete(), List.of("INBOX"), MIN_IDLE, Duration.ZERO, 100_000, Duration.ofHours(1));
    }

    public Pop3Settings withPolicy(LeavePolicy p) {
        return new Pop3Settings(p, folders, idleTimeout, loginDelay, maxMessages, expireInterval);
    }
}
