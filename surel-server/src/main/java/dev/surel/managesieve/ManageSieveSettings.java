package dev.surel.managesieve;

import java.time.Duration;

/**
 * ManageSieve session limits ({@code [managesieve]}); {@link dev.surel.config.SurelConfig#manageSieve()} builds them.
 *
 * @param idleTimeout           {@code managesieve.idle_timeout}: a logged-in connection idle this long gets BYE
 * @param loginTimeout          {@code managesieve.login_timeout}: the same before authentication
 * @param maxLineLength         {@code managesieve.max_line_length}: longest command line (literals not counted)
 * @param maxUnauthCommands     {@code managesieve.max_unauthenticated_commands}: commands before authentication, then BYE
 * @param maxFailedLogins       {@code managesieve.max_failed_logins}: failed AUTHENTICATEs on one connection, then BYE
 */
public record ManageSieveSettings(Duration idleTimeout, Duration loginTimeout, int maxLineLength, int maxUnauthCommands,
                                  int maxFailedLogins) {
    public ManageSieveSettings {
        if (!idleTimeout.isPositive()) throw new IllegalArgumentException("idle_timeout must be > 0");
        if (!loginTimeout.isPositive()) throw new IllegalArgumentException("login_timeout must be > 0");
        if (maxLineLength < 512) throw new IllegalArgumentException("max_line_length must be >= 512");
    }

    public static ManageSieveSettings defaults() {
        return new ManageSieveSettings(Duration.ofMinutes(30), Duration.ofSeconds(60), 8192, 30, 3);
    }
}
