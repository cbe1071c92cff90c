package dev.surel.imap;

import java.time.Duration;

/**
 * IMAP settings ({@code [imap]} in the configuration, see {@link dev.surel.config.ConfigSchema}).
 *
 * @param maxLineLength        {@code imap.max_line_length}: octets of a command line without CRLF
 * @param maxLiteral           {@code imap.max_literal}: largest non-message literal and their total per command
 * @param appendLimit          {@code imap.append_limit}: largest APPEND message (RFC 7889 APPENDLIMIT)
 * @param maxNesting           {@code imap.max_nesting}: parentheses / NOT / OR depth
 * @param idleTimeout          {@code imap.idle_timeout}: authenticated inactivity (RFC 9051 §5.4: >= 30 min)
 * @param loginTimeout         {@code imap.login_timeout}: inactivity before authentication
 * @param maxFailedLogins      {@code imap.max_failed_logins}: per connection, then BYE
 * @param maxUnauthCommands    {@code imap.max_unauthenticated_commands}: per connection, then BYE
 * @param appendDeadline       {@code imap.append_deadline}, &gt; 0: longest one APPEND message literal may take
 *                             to arrive (from the continuation request, or the announcing line for LITERAL+,
 *                             to its last octet); then BYE. Other literals and lines are bounded by
 *                             {@code limits.command_deadline}
 */
public record ImapSettings(int maxLineLength, long maxLiteral, long appendLimit, int maxNesting, Duration idleTimeout,
                           Duration loginTimeout, int maxFailedLogins, int maxUnauthCommands, Duration appendDeadline) {

    /** Default of {@code imap.append_deadline} (the same as {@code smtp.data_deadline}'s). */
    public static final Duration DEFAULT_APPEND_DEADLINE = Duration.ofMinutes(30);

    public ImapSettings {
        if (maxLineLength < 1000) throw new IllegalArgumentException("imap.max_line_length must be at least 1000");
        if (maxLiteral < 1024 || maxLiteral > Integer.MAX_VALUE) throw new IllegalArgumentException("imap.max_literal must be between 1K and 2G");
        if (appendLimit < 1) throw new IllegalArgumentException("imap.append_limit must be positive");
        if (appendDeadline == null || !appendDeadline.isPositive()) throw new IllegalArgumentException("imap.append_deadline must be > 0");
    }

    public static ImapSettings defaults() {
        return new ImapSettings(65_536, 65_536, 64L * 1024 * 1024, 32, Duration.ofMinutes(30), Duration.ofSeconds(60), 3, 30, DEFAULT_APPEND_DEADLINE);
    }

    /** The same settings with other timeouts (tests). */
    public ImapSettings withTimeouts(Duration idle, Duration login) {
        return new ImapSettings(maxLineLength, maxLiteral, appendLimit, maxNesting, idle, login, maxFailedLogins, maxUnauthCommands, appendDeadline);
    }
}
